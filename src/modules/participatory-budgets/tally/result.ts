/**
 * What a tally returns: the winners, and for every project the reason it won or lost, so the
 * product can explain the result to citizens without re-running the rule.
 */
import type { Rational } from './rational.ts';
import type { TieBreak } from './tie-break.ts';

export type OutcomeReason =
  /** Chosen by MES: its supporters could pay for it, at the lowest price per unit of utility. */
  | 'selected-mes'
  /** Chosen by the utilitarian completion after MES: it still fitted in the unspent budget. */
  | 'selected-completion'
  /** Chosen by greedy: it fitted in the budget left when its turn came (by votes). */
  | 'selected-greedy'
  /** Greedy or completion reached it when the budget left was smaller than its cost. */
  | 'over-remaining-budget'
  /** MES (no completion): its supporters' remaining shares could not pay its cost. */
  | 'supporters-exhausted'
  /** MES (no completion): nobody approved it, so MES never considers it. */
  | 'no-votes'
  /** MES with cost utilities (no completion): a project costing 0 gives no utility, MES never picks it. */
  | 'zero-cost';

export interface MesSelection {
  /** 1-based round of the final MES run in which it was selected (0: free project selected up front). */
  round: number;
  /** The most any supporter paid (q = ρ·u): supporters with less paid all they had left. */
  maxPayment: Rational;
  /** Its price ρ: money per unit of utility (cost utilities: q / cost; cardinality: q). */
  rho: Rational;
  /** Supporters paying exactly `maxPayment`, paying less (all they had left) and paying nothing (nothing left). */
  payers: { full: number; partial: number; none: number };
}

export interface ProjectOutcome {
  id: string;
  cost: Rational;
  /** Voters approving it, computed from the ballots (not the file's `votes` column). */
  votes: number;
  selected: boolean;
  reason: OutcomeReason;
  /** 1-based position in the selection order; null when not selected. */
  selectionOrder: number | null;
  /** Greedy / completion: budget left just before the project was considered. */
  remainingBudget?: Rational;
  /** Selected by MES: how its cost was shared. */
  mes?: MesSelection;
  /** MES candidate not selected by MES: what its supporters had left when MES stopped (< cost). */
  supportersBudget?: Rational;
}

export type Utilities = 'cost' | 'cardinality';

export interface MesSummary {
  utilities: Utilities;
  /** Add1 variant used (A: pabutools, B: equalshares tool, C: no exhaustiveness stop), if any. */
  add1Variant: 'A' | 'B' | 'C' | null;
  /** Add1's endowment step per voter (1 = one currency unit, as pb-rules.md defines it); null without Add1. */
  add1Step: Rational | null;
  /** MES runs the rule made (Add1 makes one per endowment tried; a shortcut makes 1). */
  runs: number;
  /**
   * How many of those runs were computed entirely in exact arithmetic because floating point
   * could not prove every decision (exact ties, a budget exactly equal to a share). The other
   * runs were decided in floats with proven error bounds, which gives the same outcome. Every
   * amount in the result is exact either way.
   */
  exactRuns: number;
  /** Endowment per voter of the MES outcome used. */
  endowment: Rational;
  /** What MES itself spent, before any completion. */
  spent: Rational;
  /** True when "Σ of all costs ≤ budget" let Add1 skip the endowment search (every project is funded). */
  shortcut: boolean;
}

export interface TallyResult {
  rule: string;
  label: { es: string; en: string };
  budget: Rational;
  /** Σ cost of the selected projects (≤ budget). */
  totalCost: Rational;
  /** Voters, empty ballots included. */
  voters: number;
  /** Selected project ids in selection order. */
  selected: string[];
  /** Every project, in input (file) order. */
  projects: ProjectOutcome[];
  /** Ties the rule had to break with the §4 order. */
  ties: TieBreak[];
  /** MES details (null for greedy). */
  mes: MesSummary | null;
  /** Things the reader of the result should know (ballots read as approval, …). */
  warnings: string[];
}
