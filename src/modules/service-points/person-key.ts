import { keyedHash } from '../../core/security/tokens.ts';
import type { DocumentType } from '../../core/verification/identity.ts';

/**
 * Who holds a turn, for the one-turn-per-person-service-and-day rule: a keyed hash of the identity
 * document under this module's own purpose. Never the number; and not the platform's identity hash
 * either, so turns (often booked without an account) cannot be joined to verified accounts.
 */
export function bookingPersonKey(secret: string, type: DocumentType, normalizedNumber: string): string {
  return keyedHash(secret, 'service-points.booking-person', `${type}:${normalizedNumber}`);
}
