import type { FieldErrors } from '../../core/http/errors.ts';
import { findLocalidadByCode } from '../../core/geo/localidad-names.ts';
import { DOCUMENT_TYPES, normalizeDocumentNumber, type DocumentType } from '../../core/verification/identity.ts';
import { parseRegistryDate } from '../../core/verification/registry-import.ts';

/** Form bodies arrive as strings (or arrays when a name repeats); anything else counts as empty. */
export type FormBody = Record<string, unknown>;

export const field = (body: FormBody, name: string): string => {
  const value = body[name];
  return typeof value === 'string' ? value.trim() : '';
};

/** Validated document fields: type, normalised number (only ever hashed, never stored) and birth date. */
export interface DocumentInput {
  documentType: DocumentType;
  documentNumber: string;
  birthDate: string;
}

/**
 * Reads and checks a document type, number and (optionally) birth date from a form. Field names
 * are `<prefix>document_type`, `<prefix>document_number`, `birth_date`. Errors are translation keys.
 */
export function readDocument(body: FormBody, errors: FieldErrors, options: { prefix?: string; birthDate?: boolean } = {}): Partial<DocumentInput> {
  const prefix = options.prefix ?? '';
  const typeName = `${prefix}document_type`;
  const numberName = `${prefix}document_number`;
  const type = field(body, typeName);
  const result: Partial<DocumentInput> = {};
  if (!type) errors[typeName] = { key: 'accounts.verification.errors.document_type_required' };
  else if (!(DOCUMENT_TYPES as readonly string[]).includes(type)) errors[typeName] = { key: 'accounts.verification.errors.document_type_invalid' };
  else result.documentType = type as DocumentType;
  const raw = field(body, numberName);
  if (!raw) errors[numberName] = { key: 'accounts.verification.errors.document_number_required' };
  else if (result.documentType) {
    const normalized = normalizeDocumentNumber(result.documentType, raw);
    if (!normalized) {
      errors[numberName] = {
        key: result.documentType === 'CC' || result.documentType === 'TI' ? 'accounts.verification.errors.document_number_digits' : 'accounts.verification.errors.document_number_alnum',
      };
    } else result.documentNumber = normalized;
  }
  if (options.birthDate !== false) {
    const date = field(body, 'birth_date');
    if (!date) errors.birth_date = { key: 'accounts.verification.errors.birth_date_required' };
    else {
      const parsed = parseRegistryDate(date);
      if (!parsed) errors.birth_date = { key: 'accounts.verification.errors.birth_date_invalid' };
      else result.birthDate = parsed;
    }
  }
  return result;
}

export function readLocalidad(body: FormBody, errors: FieldErrors, name = 'localidad'): string | undefined {
  const code = field(body, name);
  if (!code) errors[name] = { key: 'accounts.desk.errors.localidad_required' };
  else if (!findLocalidadByCode(code)) errors[name] = { key: 'accounts.desk.errors.localidad_invalid' };
  else return code;
  return undefined;
}

/** Free text with length limits (`reason`, `note`): collapses whitespace. */
export function readText(body: FormBody, errors: FieldErrors, name: string, min: number, max: number): string | undefined {
  const text = field(body, name).replace(/\s+/g, ' ');
  if (!text) errors[name] = { key: 'accounts.desk.errors.text_required' };
  else if (text.length < min) errors[name] = { key: 'accounts.desk.errors.text_too_short', vars: { min } };
  else if (text.length > max) errors[name] = { key: 'accounts.desk.errors.text_too_long', vars: { max } };
  else return text;
  return undefined;
}

/**
 * Does free text contain the document number (in any of the ways people write it)? Notes are
 * stored in the audit log, where a document number must never appear.
 */
export function mentionsDocument(text: string, rawNumber: string, normalizedNumber: string | undefined): boolean {
  const compact = text.normalize('NFKC').toUpperCase().replace(/[\s.\-]/g, '');
  const candidates = [normalizedNumber, rawNumber.normalize('NFKC').toUpperCase().replace(/[\s.\-]/g, '')].filter((c): c is string => Boolean(c) && c!.length >= 5);
  return candidates.some((c) => compact.includes(c));
}

/** The form values to show again after an error (to the same person, in a no-store page; never stored). */
export function echo(body: FormBody, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, field(body, n)]));
}

/** A PostgreSQL unique violation (a concurrent write won the race). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
