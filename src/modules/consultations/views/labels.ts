import { findLocalidadByCode } from '../../../core/geo/localidad-names.ts';
import { formatDate, type Locale, type Translate } from '../../../core/i18n/i18n.ts';
import type { Dimension } from '../categories.ts';
import type { Consultation } from '../consultations.queries.ts';

export const localidadName = (code: string) => findLocalidadByCode(code)?.name ?? code;

/** "Suba, Bosa y Kennedy" / "Suba, Bosa and Kennedy". */
export function joinNames(t: Translate, names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} ${t('consultations.and')} ${names[names.length - 1]}`;
}

/** Who may answer, in one sentence. */
export function describeEligibility(t: Translate, c: Consultation): string {
  const who = c.localidades.length
    ? t('consultations.eligibility.residents_of', { localidades: joinNames(t, c.localidades.map(localidadName)) })
    : c.min_level === 'residence'
      ? t('consultations.eligibility.residents')
      : t('consultations.eligibility.verified');
  const age = c.min_age < 18 ? t('consultations.eligibility.age_minor', { age: c.min_age }) : t('consultations.eligibility.age_adult', { age: c.min_age });
  return `${who} ${age}`;
}

/** "Abierta hasta el 30 de junio de 2026, 5:00 p. m." and the like. */
export function describeWindow(t: Translate, locale: Locale, c: Consultation): string {
  const opens = formatDate(locale, c.opens_at, true);
  const closes = formatDate(locale, c.closes_at, true);
  switch (c.state) {
    case 'draft':
      return t('consultations.window.draft', { opens, closes });
    case 'upcoming':
      return t('consultations.window.upcoming', { opens, closes });
    case 'open':
      return t('consultations.window.open', { closes });
    case 'closed':
      return t('consultations.window.closed', { closes });
  }
}

/** Label of a breakdown category ("14-17", "09", "female", "unknown"…). */
export function categoryLabel(t: Translate, dimension: Dimension, key: string): string {
  if (key === 'unknown') return t('consultations.results.category_unknown');
  if (dimension === 'localidad') return localidadName(key);
  if (dimension === 'age_band') return t('consultations.results.age_band', { band: key.replace('-', '–') });
  return t(`consultations.results.${dimension}.${key}`);
}

/** Paragraphs of a plain-text description (blank lines separate them). */
export const paragraphs = (text: string) => text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
