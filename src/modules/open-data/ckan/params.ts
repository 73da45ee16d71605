import { CkanValidationError, type CkanParams } from './action.ts';

/**
 * CKAN's validators for action parameters, with its messages: `int_validator` ("Invalid integer"),
 * `natural_number_validator` ("Must be a natural number"), `boolean_validator`, lists given by
 * repeating a GET key or as JSON.
 */
export function intParam(params: CkanParams, key: string, fallback: number, options: { min?: number; max?: number } = {}): number {
  const raw = params[key];
  if (raw === undefined || raw === null || raw === '') return fallback;
  const value = Array.isArray(raw) ? raw[0] : raw;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number.parseInt(value, 10) : Number.NaN;
  if (!Number.isInteger(n)) throw new CkanValidationError({ [key]: ['Invalid integer'] });
  if (n < (options.min ?? 0)) throw new CkanValidationError({ [key]: ['Must be a natural number'] });
  return options.max !== undefined ? Math.min(n, options.max) : n;
}

export function boolParam(params: CkanParams, key: string, fallback: boolean): boolean {
  const raw = Array.isArray(params[key]) ? (params[key] as unknown[])[0] : params[key];
  if (raw === undefined || raw === null || raw === '') return fallback;
  if (raw === true || raw === false) return raw;
  const s = String(raw).toLowerCase();
  if (['true', '1', 'yes', 'on', 't', 'y'].includes(s)) return true;
  if (['false', '0', 'no', 'off', 'f', 'n'].includes(s)) return false;
  throw new CkanValidationError({ [key]: ['Value must be one of: true, false'] });
}

export function stringParam(params: CkanParams, key: string): string | undefined {
  const raw = Array.isArray(params[key]) ? (params[key] as unknown[])[0] : params[key];
  if (raw === undefined || raw === null) return undefined;
  return typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : JSON.stringify(raw);
}

/** A required string (`id`): 409 `{"id": ["Missing value"]}` when absent. */
export function requiredString(params: CkanParams, key: string): string {
  const value = stringParam(params, key)?.trim();
  if (!value) throw new CkanValidationError({ [key]: ['Missing value'] });
  return value;
}

/** A list: a JSON array, a JSON-encoded string, repeated GET keys or one value. */
export function listParam(params: CkanParams, key: string): string[] | undefined {
  const raw = params[key];
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw === 'string' && raw.trim().startsWith('[')) {
    try {
      const parsed = JSON.parse(raw) as unknown;
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      throw new CkanValidationError({ [key]: ['Could not parse as valid JSON'] });
    }
  }
  return [String(raw)];
}
