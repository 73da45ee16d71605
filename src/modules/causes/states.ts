import { bogotaDay } from '../../core/i18n/i18n.ts';

/**
 * The life of a cause:
 *
 *   draft → published → threshold_reached → in_response → answered
 *                 ↘ expired (deadline passed below the threshold)
 *   draft | published → withdrawn (by the author)
 *   any public state → hidden (by moderation, with a public reason)
 *   hidden → the state it was hidden from (restored by moderation, with a public reason)
 *
 * The column is CHECK-constrained; the commands are the only writers and each one asks
 * `canTransition` first, under the row lock of the cause.
 */
export const CAUSE_STATES = ['draft', 'published', 'threshold_reached', 'in_response', 'answered', 'expired', 'withdrawn', 'hidden'] as const;
export type CauseState = (typeof CAUSE_STATES)[number];

const TRANSITIONS: Record<CauseState, readonly CauseState[]> = {
  draft: ['published', 'withdrawn'],
  published: ['threshold_reached', 'expired', 'withdrawn', 'hidden'],
  threshold_reached: ['in_response', 'answered', 'hidden'],
  in_response: ['answered', 'hidden'],
  answered: ['hidden'],
  expired: ['hidden'],
  withdrawn: ['hidden'],
  // Only back to where it was: restoreCause reads that from the timeline.
  hidden: ['published', 'threshold_reached', 'in_response', 'answered', 'expired', 'withdrawn'],
};

export const canTransition = (from: CauseState, to: CauseState) => TRANSITIONS[from].includes(to);

/** States in which an entity owes an answer. */
export const AWAITING_ANSWER: readonly CauseState[] = ['threshold_reached', 'in_response'];
/** States in which supports are collected (until the deadline). */
export const COLLECTING: readonly CauseState[] = ['published', 'threshold_reached'];
/** States anyone may see (a withdrawn cause stays public if it had been published). */
export const PUBLIC_STATES: readonly CauseState[] = ['published', 'threshold_reached', 'in_response', 'answered', 'expired', 'withdrawn'];

export const isCauseState = (value: unknown): value is CauseState => typeof value === 'string' && (CAUSE_STATES as readonly string[]).includes(value);

interface Timing {
  state: CauseState;
  deadline_at: Date | null;
}

/**
 * The state as of `now`. Expiry is computed on read, so a cause past its deadline below the
 * threshold shows as expired at once; the `causes.expire` job later persists it (and tells
 * followers).
 */
export function effectiveState(cause: Timing, now: Date = new Date()): CauseState {
  if (cause.state === 'published' && cause.deadline_at && cause.deadline_at.getTime() <= now.getTime()) return 'expired';
  return cause.state;
}

/** Supports are open: a collecting state and the deadline not yet passed. */
export function collectsSupports(cause: Timing, now: Date = new Date()): boolean {
  return COLLECTING.includes(cause.state) && cause.deadline_at !== null && cause.deadline_at.getTime() > now.getTime();
}

/** The entity's answer is late: awaited, and the last day of the term is over (Bogotá time). */
export function isOverdue(cause: { state: CauseState; answer_due_on: string | null }, now: Date = new Date()): boolean {
  return AWAITING_ANSWER.includes(cause.state) && cause.answer_due_on !== null && bogotaDay(now) > cause.answer_due_on;
}

/** The answer came after its due date. */
export function answeredLate(cause: { answered_at: Date | null; answer_due_on: string | null }): boolean {
  return cause.answered_at !== null && cause.answer_due_on !== null && bogotaDay(cause.answered_at) > cause.answer_due_on;
}
