/**
 * The legal clock of a request, as pure functions of dates (YYYY-MM-DD, Bogotá calendar days):
 * due dates, and whether a transfer, an extension or a request to complete is still allowed.
 * Commands call these inside their transaction; tests call them directly.
 */
import { addBusinessDays, businessDaysBetween, isBusinessDay } from '../../core/calendar/business-days.ts';
import { parseDay } from '../../core/calendar/holidays.ts';
import { COMPLETION_REQUEST_DAYS, TRANSFER_DAYS } from './request-types.data.ts';
import type { RequestState } from './service-requests.schema.ts';

/** States in which the term runs and officials act. */
export const OPEN_STATES: readonly RequestState[] = ['filed', 'in_progress'];
export const isOpen = (state: RequestState) => OPEN_STATES.includes(state);

/** The N-th business day after the day the term starts from (filing or completion). */
export const dueDate = (termStartOn: string, termDays: number) => addBusinessDays(termStartOn, termDays);

/** Transfer for lack of competence: within 5 business days of filing (Ley 1755 art. 21). */
export const transferDeadline = (filedOn: string) => addBusinessDays(filedOn, TRANSFER_DAYS);
/** Request to complete: within 10 business days of filing (Ley 1755 art. 17). */
export const completionRequestDeadline = (filedOn: string) => addBusinessDays(filedOn, COMPLETION_REQUEST_DAYS);

/** One calendar month after `day` ("un mes"), on the last day of a shorter month if needed. */
export function oneMonthAfter(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const year = m === 12 ? y + 1 : y;
  const month = m === 12 ? 1 : m + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The latest due date an extension may set: the term counted again from its start, plus at most
 * the type's extension (Ley 1755: the original term again, i.e. double; Ley 1581: +5 / +8).
 */
export const latestExtendedDue = (request: { term_start_on: string; term_days: number; max_extension_days: number }) =>
  addBusinessDays(request.term_start_on, request.term_days + request.max_extension_days);

export type ExtensionError = 'not_open' | 'already_extended' | 'term_expired' | 'invalid_date' | 'not_later' | 'not_business_day' | 'beyond_limit';

/**
 * Whether an extension to `newDue` is allowed `today`. Only once, only while the request is open,
 * only before its due date (Ley 1755 art. 14 parágrafo: the petitioner is told "antes del
 * vencimiento"; this platform requires the notice on a day before the due day), to a later
 * business day no further than `latestExtendedDue`.
 */
export function checkExtension(
  request: { state: RequestState; extended_at: Date | null; due_on: string; term_start_on: string; term_days: number; max_extension_days: number },
  today: string,
  newDue: string,
): ExtensionError | null {
  if (!isOpen(request.state)) return 'not_open';
  if (request.extended_at) return 'already_extended';
  if (today >= request.due_on) return 'term_expired';
  if (parseDay(newDue) === null) return 'invalid_date';
  if (newDue <= request.due_on) return 'not_later';
  if (!isBusinessDay(newDue)) return 'not_business_day';
  if (newDue > latestExtendedDue(request)) return 'beyond_limit';
  return null;
}

export type TransferError = 'not_open' | 'transfer_late' | 'same_entity';

export function checkTransfer(request: { state: RequestState; filed_on: string; entity_code: string }, today: string, toEntity: string): TransferError | null {
  if (!isOpen(request.state)) return 'not_open';
  if (today > transferDeadline(request.filed_on)) return 'transfer_late';
  if (toEntity === request.entity_code) return 'same_entity';
  return null;
}

export type CompletionRequestError = 'not_open' | 'completion_late' | 'already_requested' | 'already_extended';

export function checkCompletionRequest(
  request: { state: RequestState; filed_on: string; completion_requested_on: string | null; extended_at: Date | null },
  today: string,
): CompletionRequestError | null {
  if (!isOpen(request.state)) return 'not_open';
  if (request.completion_requested_on) return 'already_requested';
  if (request.extended_at) return 'already_extended';
  if (today > completionRequestDeadline(request.filed_on)) return 'completion_late';
  return null;
}

/** Closing as withdrawn (desistimiento tácito): only once the month to complete has passed. */
export function checkWithdrawal(request: { state: RequestState; completion_deadline_on: string | null }, today: string): 'not_awaiting' | 'too_early' | null {
  if (request.state !== 'awaiting_completion' || !request.completion_deadline_on) return 'not_awaiting';
  if (today <= request.completion_deadline_on) return 'too_early';
  return null;
}

export type Urgency = 'overdue' | 'due_today' | 'due_soon' | 'on_track' | 'suspended' | 'closed';

/** How a request stands against its due date today (lists show "vence hoy" / "vencida"). */
export function urgencyOf(request: { state: RequestState; due_on: string }, today: string, soonDays = 3): { urgency: Urgency; days: number } {
  if (request.state === 'awaiting_completion') return { urgency: 'suspended', days: 0 };
  if (!isOpen(request.state)) return { urgency: 'closed', days: 0 };
  if (request.due_on < today) return { urgency: 'overdue', days: businessDaysBetween(request.due_on, today) };
  if (request.due_on === today) return { urgency: 'due_today', days: 0 };
  const left = businessDaysBetween(today, request.due_on);
  return { urgency: left <= soonDays ? 'due_soon' : 'on_track', days: left };
}
