import { describe, expect, it } from 'vitest';
import { checkCompletionRequest, checkExtension, checkTransfer, checkWithdrawal, dueDate, latestExtendedDue, oneMonthAfter, urgencyOf } from './terms.ts';

// Filed Monday 2026-07-06: 15 business days → Wed 2026-07-29 (13 and 20 July are holidays).
const filed = { filed_on: '2026-07-06', term_start_on: '2026-07-06', term_days: 15, max_extension_days: 15, state: 'filed' as const, extended_at: null, entity_code: 'sdm', completion_requested_on: null };
const request = { ...filed, due_on: dueDate('2026-07-06', 15) };

describe('due dates', () => {
  it('counts business days after the filing day', () => {
    expect(request.due_on).toBe('2026-07-29');
    expect(dueDate('2026-07-06', 10)).toBe('2026-07-22');
    expect(dueDate('2026-07-06', 30)).toBe('2026-08-21'); // skips 7 and 17 August
  });
});

describe('transfer for lack of competence (Ley 1755 art. 21)', () => {
  it('is allowed up to the 5th business day after filing, then rejected as late', () => {
    // 5 business days after Mon 6 July: 7, 8, 9, 10, 14 (13 is a holiday).
    expect(checkTransfer(request, '2026-07-06', 'idu')).toBeNull();
    expect(checkTransfer(request, '2026-07-14', 'idu')).toBeNull();
    expect(checkTransfer(request, '2026-07-15', 'idu')).toBe('transfer_late');
  });

  it('is rejected to the same entity and for closed requests', () => {
    expect(checkTransfer(request, '2026-07-07', 'sdm')).toBe('same_entity');
    expect(checkTransfer({ ...request, state: 'answered' }, '2026-07-07', 'idu')).toBe('not_open');
    expect(checkTransfer({ ...request, state: 'awaiting_completion' }, '2026-07-07', 'idu')).toBe('not_open');
  });
});

describe('extension (Ley 1755 art. 14 parágrafo; Ley 1581 arts. 14–15)', () => {
  it('never goes beyond double the original term counted from filing', () => {
    // 30 business days after 6 July 2026 = 21 August 2026.
    expect(latestExtendedDue(request)).toBe('2026-08-21');
    expect(checkExtension(request, '2026-07-21', '2026-08-21')).toBeNull();
    expect(checkExtension(request, '2026-07-21', '2026-08-24')).toBe('beyond_limit');
  });

  it('is only possible before the due date', () => {
    expect(checkExtension(request, '2026-07-28', '2026-08-10')).toBeNull();
    expect(checkExtension(request, '2026-07-29', '2026-08-10')).toBe('term_expired');
    expect(checkExtension(request, '2026-08-03', '2026-08-10')).toBe('term_expired');
  });

  it('needs a later business day and happens once', () => {
    expect(checkExtension(request, '2026-07-21', '2026-07-29')).toBe('not_later');
    expect(checkExtension(request, '2026-07-21', '2026-08-01')).toBe('not_business_day');
    expect(checkExtension(request, '2026-07-21', '2026-08-07')).toBe('not_business_day'); // Batalla de Boyacá
    expect(checkExtension(request, '2026-07-21', '2026-02-30')).toBe('invalid_date');
    expect(checkExtension({ ...request, extended_at: new Date() }, '2026-07-21', '2026-08-10')).toBe('already_extended');
    expect(checkExtension({ ...request, state: 'answered' }, '2026-07-21', '2026-08-10')).toBe('not_open');
  });

  it('uses the shorter Ley 1581 extensions for habeas data', () => {
    // Consulta: 10 + 5 days. Filed 6 July → due 22 July, at most 29 July.
    const habeas = { ...filed, term_days: 10, max_extension_days: 5, due_on: dueDate('2026-07-06', 10) };
    expect(habeas.due_on).toBe('2026-07-22');
    expect(latestExtendedDue(habeas)).toBe('2026-07-29');
    expect(checkExtension(habeas, '2026-07-21', '2026-07-29')).toBeNull();
    expect(checkExtension(habeas, '2026-07-21', '2026-07-30')).toBe('beyond_limit');
  });

  it('counts the double from the restarted term after a completion', () => {
    const restarted = { ...request, term_start_on: '2026-07-20', due_on: dueDate('2026-07-20', 15) };
    expect(latestExtendedDue(restarted)).toBe(dueDate('2026-07-20', 30));
  });
});

describe('request to complete (Ley 1755 art. 17)', () => {
  it('is allowed within 10 business days of filing, once, and not after an extension', () => {
    // 10 business days after 6 July: 7, 8, 9, 10, 14, 15, 16, 17, 21, 22.
    expect(checkCompletionRequest(request, '2026-07-22')).toBeNull();
    expect(checkCompletionRequest(request, '2026-07-23')).toBe('completion_late');
    expect(checkCompletionRequest({ ...request, completion_requested_on: '2026-07-08' }, '2026-07-09')).toBe('already_requested');
    expect(checkCompletionRequest({ ...request, extended_at: new Date() }, '2026-07-09')).toBe('already_extended');
  });

  it('gives one month to complete, then allows closing as withdrawn', () => {
    expect(oneMonthAfter('2026-07-08')).toBe('2026-08-08');
    expect(oneMonthAfter('2026-01-31')).toBe('2026-02-28');
    expect(oneMonthAfter('2026-12-15')).toBe('2027-01-15');
    const waiting = { state: 'awaiting_completion' as const, completion_deadline_on: '2026-08-08' };
    expect(checkWithdrawal(waiting, '2026-08-08')).toBe('too_early');
    expect(checkWithdrawal(waiting, '2026-08-09')).toBeNull();
    expect(checkWithdrawal({ state: 'filed', completion_deadline_on: null }, '2026-09-01')).toBe('not_awaiting');
  });
});

describe('urgency shown in lists', () => {
  it('says due today, overdue by N business days, or how many are left', () => {
    expect(urgencyOf(request, '2026-07-29')).toEqual({ urgency: 'due_today', days: 0 });
    expect(urgencyOf(request, '2026-07-30')).toEqual({ urgency: 'overdue', days: 1 });
    expect(urgencyOf(request, '2026-08-10')).toEqual({ urgency: 'overdue', days: 7 }); // 7 Aug is a holiday
    expect(urgencyOf(request, '2026-07-27')).toEqual({ urgency: 'due_soon', days: 2 });
    expect(urgencyOf(request, '2026-07-07')).toEqual({ urgency: 'on_track', days: 14 });
    expect(urgencyOf({ ...request, state: 'awaiting_completion' }, '2026-08-10').urgency).toBe('suspended');
    expect(urgencyOf({ ...request, state: 'answered' }, '2026-08-10').urgency).toBe('closed');
  });
});
