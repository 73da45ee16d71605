/**
 * Where a consultation stands at a given moment. Only `published_at`, `opens_at` and `closes_at`
 * decide it, so every process agrees without a scheduler.
 */
export const STATES = ['draft', 'upcoming', 'open', 'closed'] as const;
export type ConsultationState = (typeof STATES)[number];

export interface Dated {
  published_at: Date | null;
  opens_at: Date;
  closes_at: Date;
}

export function stateOf(c: Dated, now = new Date()): ConsultationState {
  if (!c.published_at) return 'draft';
  if (now < c.opens_at) return 'upcoming';
  if (now < c.closes_at) return 'open';
  return 'closed';
}

/** The questionnaire, documents and settings can change only before the consultation opens. */
export const isEditable = (state: ConsultationState) => state === 'draft' || state === 'upcoming';

/**
 * Whether results are public: always once closed; before closing only for a public consultation
 * whose official published them early (a secret one never shows partial results).
 */
export function resultsVisible(c: Dated & { secret: boolean; results_published_at: Date | null }, now = new Date()): boolean {
  const state = stateOf(c, now);
  if (state === 'closed') return true;
  return state === 'open' && !c.secret && c.results_published_at !== null;
}

const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** `YYYY-MM-DDTHH:mm` typed in Bogotá (UTC−5 all year: Colombia has no daylight saving time). */
export function parseBogotaDateTime(value: string): Date | null {
  const trimmed = value.trim();
  if (!LOCAL_DATETIME.test(trimmed)) return null;
  const date = new Date(`${trimmed}:00-05:00`);
  if (Number.isNaN(date.getTime())) return null;
  // Reject 2026-02-30T10:00 and the like, which Date would roll over.
  return toBogotaInput(date) === trimmed ? date : null;
}

/** The inverse, for pre-filling `datetime-local` inputs. */
export function toBogotaInput(date: Date): string {
  return new Date(date.getTime() - 5 * 3600_000).toISOString().slice(0, 16);
}
