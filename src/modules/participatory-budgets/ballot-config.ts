import type { BallotConfig, BallotRule } from './participatory-budgets.schema.ts';

/** Every limit of a ballot rule, with the defaults of Bogotá's editions filled in. */
export interface BallotLimits {
  /** approval, ranking: how many projects at most (2023: 6). */
  maxChoices: number;
  /** knapsack: the share of the envelope a ballot must at least use (0 = none). */
  minShare: number;
  /** wallet (2020): the wallet and the fixed size of each support. */
  walletTotal: number;
  supportSize: number;
  /** cumulative: points to spread, and at most this many on one project. */
  points: number;
  maxPerProject: number;
}

export const DEFAULT_BALLOT_LIMITS: BallotLimits = Object.freeze({
  maxChoices: 6,
  minShare: 0,
  walletTotal: 1_000_000,
  supportSize: 100_000,
  points: 10,
  maxPerProject: 10,
});

// Editions come from a cache, so each config object is read once, not on every ballot.
const limitsOf = new WeakMap<BallotConfig, { rule: BallotRule; limits: BallotLimits }>();

export function ballotLimits(rule: BallotRule, config: BallotConfig): BallotLimits {
  const known = limitsOf.get(config);
  if (known?.rule === rule) return known.limits;
  const limits = { ...DEFAULT_BALLOT_LIMITS, ...Object.fromEntries(Object.entries(config).filter(([, v]) => typeof v === 'number')) } as BallotLimits;
  if (rule === 'cumulative') limits.maxPerProject = Math.min(limits.maxPerProject, limits.points);
  Object.freeze(limits);
  limitsOf.set(config, { rule, limits });
  return limits;
}

/** Checks an edition's settings for its rule; returns i18n error keys by field. */
export function validateBallotConfig(rule: BallotRule, config: BallotConfig): Record<string, string> {
  const errors: Record<string, string> = {};
  const isInt = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
  if ((rule === 'approval' || rule === 'ranking') && config.maxChoices !== undefined && !isInt(config.maxChoices, 1, 100)) errors.maxChoices = 'participatory-budgets.errors.max_choices';
  if (rule === 'knapsack' && config.minShare !== undefined && !(typeof config.minShare === 'number' && config.minShare >= 0 && config.minShare <= 1))
    errors.minShare = 'participatory-budgets.errors.min_share';
  if (rule === 'wallet') {
    if (config.walletTotal !== undefined && !isInt(config.walletTotal, 1, 1e12)) errors.walletTotal = 'participatory-budgets.errors.wallet_total';
    if (config.supportSize !== undefined && !isInt(config.supportSize, 1, 1e12)) errors.supportSize = 'participatory-budgets.errors.support_size';
    const { walletTotal, supportSize } = ballotLimits(rule, config);
    if (!errors.walletTotal && !errors.supportSize && walletTotal % supportSize !== 0) errors.supportSize = 'participatory-budgets.errors.support_divides';
  }
  if (rule === 'cumulative') {
    if (config.points !== undefined && !isInt(config.points, 1, 1000)) errors.points = 'participatory-budgets.errors.points';
    if (config.maxPerProject !== undefined && !isInt(config.maxPerProject, 1, 1000)) errors.maxPerProject = 'participatory-budgets.errors.max_per_project';
  }
  return errors;
}
