import { bogotaDay } from '../../core/i18n/i18n.ts';

/**
 * The phases of an edition, derived from its dated windows (never stored, so they cannot drift
 * from the dates): upcoming → proposals → review (valuation) → voting → counting (closed, results
 * not yet published) → results → execution.
 */
export const PHASES = ['upcoming', 'proposals', 'review', 'voting', 'counting', 'results', 'execution'] as const;
export type Phase = (typeof PHASES)[number];

export interface EditionWindows {
  proposals_open_at: Date;
  proposals_close_at: Date;
  review_close_at: Date;
  voting_open_at: Date;
  voting_close_at: Date;
  results_published_at: Date | null;
  /** YYYY-MM-DD (America/Bogota) */
  execution_starts_on: string | null;
}

export function phaseOf(edition: EditionWindows, now: Date = new Date()): Phase {
  const t = now.getTime();
  if (t < edition.proposals_open_at.getTime()) return 'upcoming';
  if (t < edition.proposals_close_at.getTime()) return 'proposals';
  if (t < edition.voting_open_at.getTime()) return 'review';
  if (t < edition.voting_close_at.getTime()) return 'voting';
  if (!edition.results_published_at || t < edition.results_published_at.getTime()) return 'counting';
  if (edition.execution_starts_on && bogotaDay(now) >= edition.execution_starts_on) return 'execution';
  return 'results';
}

/** Valuation runs while proposals come in and during review, and stops when voting opens. */
export const canAssessIn = (phase: Phase) => phase === 'proposals' || phase === 'review';
export const showsResults = (phase: Phase) => phase === 'results' || phase === 'execution';
