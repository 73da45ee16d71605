import type { FieldErrors } from '../../core/http/errors.ts';
import { validateBallotConfig } from './ballot-config.ts';
import type { BallotConfig, BallotRule, CountingRule } from './participatory-budgets.schema.ts';

export const BALLOT_RULES: readonly BallotRule[] = ['approval', 'knapsack', 'wallet', 'cumulative', 'ranking'];
// Equal Shares with utilitarian completion first: Add1 raises every voter's share one currency
// unit at a time, which in pesos means up to millions of runs for a localidad (minutes each).
export const COUNTING_RULES: readonly CountingRule[] = ['mes-cost-u', 'greedy', 'mes-cost', 'mes-card', 'mes-cost-add1u', 'mes-cost-add1u-eqtool', 'mes-cost-add1u-noexh', 'mes-card-add1u'];

/** The form's text fields, exactly as typed (re-rendered on errors). */
export interface EditionFormValues {
  title: string;
  slug: string;
  year: string;
  description: string;
  ballot_rule: string;
  counting_rule: string;
  add1_step: string;
  min_age: string;
  max_choices: string;
  min_share: string;
  wallet_total: string;
  support_size: string;
  points: string;
  max_per_project: string;
  proposals_open_at: string;
  proposals_close_at: string;
  review_close_at: string;
  voting_open_at: string;
  voting_close_at: string;
  execution_starts_on: string;
}

export const EDITION_FIELDS = [
  'title', 'slug', 'year', 'description', 'ballot_rule', 'counting_rule', 'add1_step', 'min_age', 'max_choices', 'min_share', 'wallet_total', 'support_size', 'points',
  'max_per_project', 'proposals_open_at', 'proposals_close_at', 'review_close_at', 'voting_open_at', 'voting_close_at', 'execution_starts_on',
] as const satisfies readonly (keyof EditionFormValues)[];

export interface EditionInput {
  title: string;
  slug: string;
  year: number;
  description: string;
  ballotRule: BallotRule;
  ballotConfig: BallotConfig;
  countingRule: CountingRule;
  /** Add1's endowment step per voter, whole pesos as a decimal string ('1' = as pb-rules.md defines it). */
  add1Step: string;
  minAge: number;
  proposalsOpenAt: Date;
  proposalsCloseAt: Date;
  reviewCloseAt: Date;
  votingOpenAt: Date;
  votingCloseAt: Date;
  executionStartsOn: string | null;
}

const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DDTHH:mm` typed in Bogotá (UTC−5 all year: Colombia has no daylight saving). */
export function parseBogotaDateTime(value: string): Date | null {
  const match = LOCAL_DATETIME.exec(value.trim());
  if (!match) return null;
  const date = new Date(`${value.trim()}:00-05:00`);
  if (Number.isNaN(date.getTime())) return null;
  // Reject 2026-02-30T10:00 and the like, which Date would roll over.
  return toBogotaInput(date) === value.trim() ? date : null;
}

/** The inverse, for pre-filling `datetime-local` inputs. */
export function toBogotaInput(date: Date): string {
  return new Date(date.getTime() - 5 * 3600_000).toISOString().slice(0, 16);
}

export function emptyEditionForm(): EditionFormValues {
  return Object.fromEntries(EDITION_FIELDS.map((f) => [f, ''])) as unknown as EditionFormValues;
}

/** Reads the form body into typed input, or the errors of every bad field (i18n keys). */
export function parseEditionForm(body: Record<string, unknown>): { values: EditionFormValues; input: EditionInput | null; errors: FieldErrors } {
  const values = Object.fromEntries(EDITION_FIELDS.map((f) => [f, typeof body[f] === 'string' ? (body[f] as string).trim() : ''])) as unknown as EditionFormValues;
  const errors: FieldErrors = {};
  const fail = (field: keyof EditionFormValues, key: string) => {
    errors[field] ??= { key: `participatory-budgets.admin.errors.${key}` };
  };
  if (values.title.length < 3 || values.title.length > 200) fail('title', 'title');
  if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(values.slug)) fail('slug', 'slug');
  const year = Number(values.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) fail('year', 'year');
  if (values.description.length > 20000) fail('description', 'description');
  if (!BALLOT_RULES.includes(values.ballot_rule as BallotRule)) fail('ballot_rule', 'ballot_rule');
  if (!COUNTING_RULES.includes(values.counting_rule as CountingRule)) fail('counting_rule', 'counting_rule');
  // Blank means one peso, the published definition of Add1.
  const add1Step = values.add1_step.replace(/[.\s]/g, '') || '1';
  if (!/^[1-9]\d{0,9}$/.test(add1Step) || Number(add1Step) > 1_000_000_000) fail('add1_step', 'add1_step');
  const minAge = Number(values.min_age || '14');
  if (!Number.isInteger(minAge) || minAge < 14 || minAge > 120) fail('min_age', 'min_age');

  const config: BallotConfig = {};
  const numeric = (field: keyof EditionFormValues, key: keyof BallotConfig) => {
    if (values[field] === '') return;
    const n = Number(values[field].replace(',', '.'));
    if (!Number.isFinite(n)) fail(field, 'number');
    else config[key] = n;
  };
  numeric('max_choices', 'maxChoices');
  numeric('min_share', 'minShare');
  numeric('wallet_total', 'walletTotal');
  numeric('support_size', 'supportSize');
  numeric('points', 'points');
  numeric('max_per_project', 'maxPerProject');
  const ballotRule = values.ballot_rule as BallotRule;
  if (BALLOT_RULES.includes(ballotRule)) {
    const fieldOf: Record<string, keyof EditionFormValues> = { maxChoices: 'max_choices', minShare: 'min_share', walletTotal: 'wallet_total', supportSize: 'support_size', points: 'points', maxPerProject: 'max_per_project' };
    for (const [key, messageKey] of Object.entries(validateBallotConfig(ballotRule, config))) errors[fieldOf[key]!] ??= { key: messageKey };
  }
  // Keep only the settings the rule uses, so the stored config says exactly what applies.
  const used: Record<BallotRule, (keyof BallotConfig)[]> = {
    approval: ['maxChoices'],
    ranking: ['maxChoices'],
    knapsack: ['minShare'],
    wallet: ['walletTotal', 'supportSize'],
    cumulative: ['points', 'maxPerProject'],
  };
  const ballotConfig = Object.fromEntries(Object.entries(config).filter(([k]) => used[ballotRule]?.includes(k as keyof BallotConfig))) as BallotConfig;

  const dates = {} as Record<'proposals_open_at' | 'proposals_close_at' | 'review_close_at' | 'voting_open_at' | 'voting_close_at', Date>;
  for (const field of ['proposals_open_at', 'proposals_close_at', 'review_close_at', 'voting_open_at', 'voting_close_at'] as const) {
    const parsed = parseBogotaDateTime(values[field]);
    if (parsed) dates[field] = parsed;
    else fail(field, 'datetime');
  }
  const order = ['proposals_open_at', 'proposals_close_at', 'review_close_at', 'voting_open_at', 'voting_close_at'] as const;
  for (let i = 1; i < order.length; i++) {
    const before = dates[order[i - 1]!];
    const after = dates[order[i]!];
    if (before && after && (order[i] === 'voting_close_at' ? after <= before : after < before)) fail(order[i]!, 'date_order');
  }
  if (values.execution_starts_on && !(DAY.test(values.execution_starts_on) && !Number.isNaN(new Date(`${values.execution_starts_on}T12:00:00-05:00`).getTime()))) fail('execution_starts_on', 'day');
  if (values.execution_starts_on && dates.voting_close_at && new Date(`${values.execution_starts_on}T23:59:59-05:00`) < dates.voting_close_at) fail('execution_starts_on', 'execution_after_vote');

  if (Object.keys(errors).length > 0) return { values, input: null, errors };
  return {
    values,
    errors,
    input: {
      title: values.title,
      slug: values.slug,
      year,
      description: values.description,
      ballotRule,
      ballotConfig,
      countingRule: values.counting_rule as CountingRule,
      add1Step,
      minAge,
      proposalsOpenAt: dates.proposals_open_at,
      proposalsCloseAt: dates.proposals_close_at,
      reviewCloseAt: dates.review_close_at,
      votingOpenAt: dates.voting_open_at,
      votingCloseAt: dates.voting_close_at,
      executionStartsOn: values.execution_starts_on || null,
    },
  };
}
