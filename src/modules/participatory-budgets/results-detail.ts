/**
 * The `detail` kept with each stored result (participatory_budgets_results.detail): the count as
 * the rule explained it, per project, with every exact number as text. Pages read it back without
 * counting again.
 */
import type { CountingRule } from './participatory-budgets.schema.ts';
import type { Candidate } from './envelope-election.ts';
import { projectIdOf } from './envelope-election.ts';
import type { OutcomeReason, TallyResult } from './tally/result.ts';
import type { TieBreak } from './tally/tie-break.ts';

export interface ProjectResultDetail {
  proposalId: string;
  number: number;
  /** Id in the count and in the .pb file. */
  projectId: string;
  /** Exact decimal text. */
  cost: string;
  votes: number;
  selected: boolean;
  reason: OutcomeReason;
  selectionOrder: number | null;
  /** Exact rationals as `n` or `n/d`. */
  remainingBudget?: string;
  supportersBudget?: string;
  mes?: { round: number; maxPayment: string; rho: string; payers: { full: number; partial: number; none: number } };
}

export interface ResultDetail {
  rule: CountingRule;
  projects: ProjectResultDetail[];
  ties: TieBreak[];
  mes: { utilities: 'cost' | 'cardinality'; add1Variant: 'A' | 'B' | 'C' | null; add1Step?: string | null; runs: number; endowment: string; spent: string; shortcut: boolean } | null;
  warnings: string[];
  /** Set when the rule asked for could not finish and another was used (imports only). */
  fallbackFrom?: CountingRule;
}

/** The stored form of a tally over these candidates (same order as the election's projects). */
export function detailOf(rule: CountingRule, candidates: Candidate[], result: TallyResult, fallbackFrom?: CountingRule): ResultDetail {
  const byId = new Map(result.projects.map((p) => [p.id, p]));
  return {
    rule,
    projects: candidates.map((c) => {
      const outcome = byId.get(projectIdOf(c));
      if (!outcome) throw new Error(`project ${projectIdOf(c)} missing from the tally`);
      return {
        proposalId: c.proposalId,
        number: c.number,
        projectId: outcome.id,
        cost: c.cost,
        votes: outcome.votes,
        selected: outcome.selected,
        reason: outcome.reason,
        selectionOrder: outcome.selectionOrder,
        ...(outcome.remainingBudget ? { remainingBudget: outcome.remainingBudget.toString() } : {}),
        ...(outcome.supportersBudget ? { supportersBudget: outcome.supportersBudget.toString() } : {}),
        ...(outcome.mes
          ? { mes: { round: outcome.mes.round, maxPayment: outcome.mes.maxPayment.toString(), rho: outcome.mes.rho.toString(), payers: { ...outcome.mes.payers } } }
          : {}),
      };
    }),
    ties: result.ties,
    mes: result.mes
      ? {
          utilities: result.mes.utilities,
          add1Variant: result.mes.add1Variant,
          add1Step: result.mes.add1Step?.toString() ?? null,
          runs: result.mes.runs,
          endowment: result.mes.endowment.toString(),
          spent: result.mes.spent.toString(),
          shortcut: result.mes.shortcut,
        }
      : null,
    warnings: result.warnings,
    ...(fallbackFrom ? { fallbackFrom } : {}),
  };
}
