import { LOCALIDADES, type Localidad } from './localidades.data.ts';

/**
 * Normalizes free text for comparison: lower case, accents removed (NFD + dropping combining
 * marks, so "Fontibón" and "FONTIBON" meet and "ñ" becomes "n"), runs of whitespace collapsed to
 * one space, and trimmed.
 */
export function normalizeName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Drops a leading "localidad" / "localidad de", as in "Localidad de Suba" or "localidad 9". */
const stripLocalidadPrefix = (normalized: string) => normalized.replace(/^localidad\s+(?:de\s+)?/, '');

/**
 * Matching key: the name without a leading article and without spaces or punctuation. Articles
 * are optional because people (and the IDECA dataset itself) write "Candelaria" and "Martires" as
 * often as "La Candelaria" and "Los Mártires"; spaces are ignored so the common spelling "Santafé"
 * still finds "Santa Fe".
 */
function matchKey(s: string): string {
  return stripLocalidadPrefix(normalizeName(s))
    .replace(/^(?:la|las|el|los)\s+/, '')
    .replace(/[^a-z0-9]/g, '');
}

const byKey = new Map<string, Localidad>(LOCALIDADES.map((localidad) => [matchKey(localidad.name), localidad]));
const byCode = new Map<string, Localidad>(LOCALIDADES.map((localidad) => [localidad.code, localidad]));

/**
 * Finds a localidad by its two-digit code, exactly as the District writes it ("01".."20").
 * Returns null for anything else; use {@link findLocalidadByName} for lenient user input.
 */
export function findLocalidadByCode(code: string): Localidad | null {
  return byCode.get(code.trim()) ?? null;
}

/**
 * Finds a localidad from what a person typed: the name in any case, with or without accents and
 * with or without its leading article ("La Candelaria", "CANDELARIA", "los martires",
 * "fontibon", "Localidad de Suba"), or its number or code ("9", "09", "localidad 9"). Only whole
 * names match, so "Bogotá" or a fragment such as "Bolívar" returns null rather than a guess.
 */
export function findLocalidadByName(input: string): Localidad | null {
  const text = stripLocalidadPrefix(normalizeName(input));
  if (/^\d{1,2}$/.test(text)) return findLocalidadByCode(text.padStart(2, '0'));
  const key = matchKey(text);
  return key === '' ? null : (byKey.get(key) ?? null);
}
