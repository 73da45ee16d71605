import type { DenialReason } from '../permissions/permissions.ts';

/** Field name → i18n key (with optional variables) of what is wrong with it. */
export type FieldErrors = Record<string, { key: string; vars?: Record<string, string | number> }>;

/**
 * An error the client should see. `code` is stable (API clients branch on it), `messageKey` is
 * translated for people. Anything that is not an HttpError becomes a 500 with no details.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: string,
    readonly extra: { reason?: DenialReason; fields?: FieldErrors; retryAfterSeconds?: number; vars?: Record<string, string | number> } = {},
  ) {
    super(code);
    this.name = 'HttpError';
  }
}

export const notFound = (): never => {
  throw new HttpError(404, 'not_found', 'errors.not_found');
};

/** 403 with the permission reason, so pages and API clients can say what to do next. */
export const forbidden = (reason: DenialReason): never => {
  throw new HttpError(reason === 'not_signed_in' ? 401 : 403, reason === 'not_signed_in' ? 'unauthenticated' : 'forbidden', `reasons.${reason}`, { reason });
};

export const invalidInput = (fields: FieldErrors): never => {
  throw new HttpError(422, 'invalid_input', 'errors.invalid_input', { fields });
};
