/**
 * The vote-counting rules by name and the single entry point `tally(election, rule)`.
 * Specification: shared/docs/research/pb-rules.md (§3 rules, §4 tie-breaking, §5 exact arithmetic).
 */
import { runAdd1, equalEndowment, type Add1Options, type Add1Variant } from './add1.ts';
import { prepareElection, type ApprovalElection, type PreparedElection } from './election.ts';
import { isCandidate, MesEngine, type MesOutcome, type Utilities } from './equal-shares.ts';
import { fillByVotes } from './greedy.ts';
import { Rational } from './rational.ts';
import type { MesSummary, OutcomeReason, ProjectOutcome, TallyResult } from './result.ts';
import type { TieBreak } from './tie-break.ts';

export const RULES = [
  {
    name: 'greedy',
    label: {
      es: 'Voraz: los más votados primero, saltando los que no caben',
      en: 'Greedy: most votes first, skipping projects that do not fit',
    },
  },
  {
    name: 'mes-cost',
    label: {
      es: 'Método de Partes Iguales (utilidad = costo), sin completación',
      en: 'Method of Equal Shares (cost utilities), no completion',
    },
  },
  {
    name: 'mes-card',
    label: {
      es: 'Método de Partes Iguales (utilidad = 1 por proyecto aprobado), sin completación',
      en: 'Method of Equal Shares (cardinality utilities), no completion',
    },
  },
  {
    name: 'mes-cost-u',
    label: {
      es: 'Método de Partes Iguales (utilidad = costo) con completación utilitaria',
      en: 'Method of Equal Shares (cost utilities) with utilitarian completion',
    },
  },
  {
    name: 'mes-cost-add1u',
    label: {
      es: 'Método de Partes Iguales (utilidad = costo) con Add1 y completación utilitaria (variante A, pabutools)',
      en: 'Method of Equal Shares (cost utilities) with Add1 and utilitarian completion (variant A, pabutools)',
    },
  },
  {
    name: 'mes-cost-add1u-eqtool',
    label: {
      es: 'Método de Partes Iguales (utilidad = costo) con Add1 y completación utilitaria (variante B, herramienta de equalshares.net)',
      en: 'Method of Equal Shares (cost utilities) with Add1 and utilitarian completion (variant B, equalshares.net tool)',
    },
  },
  {
    name: 'mes-cost-add1u-noexh',
    label: {
      es: 'Método de Partes Iguales (utilidad = costo) con Add1 sin parada por exhaustividad y completación utilitaria (variante C, Wieliczka 2023)',
      en: 'Method of Equal Shares (cost utilities) with Add1 without the exhaustiveness stop and utilitarian completion (variant C, Wieliczka 2023)',
    },
  },
  {
    name: 'mes-card-add1u',
    label: {
      es: 'Método de Partes Iguales (utilidad = 1 por proyecto aprobado) con Add1 y completación utilitaria (variante A)',
      en: 'Method of Equal Shares (cardinality utilities) with Add1 and utilitarian completion (variant A)',
    },
  },
] as const;

export type RuleName = (typeof RULES)[number]['name'];

export function isRuleName(name: string): name is RuleName {
  return RULES.some((rule) => rule.name === name);
}

/** An unknown rule name; the message lists the known ones. */
export class UnknownRuleError extends Error {
  constructor(readonly rule: string) {
    super(`Regla desconocida / unknown rule «${rule}» (${RULES.map((r) => r.name).join(', ')})`);
    this.name = 'UnknownRuleError';
  }
}

/**
 * The rule to use for a .pb file whose META names how the city decided (`rule`), or null when that
 * is not one we reproduce and the caller must choose:
 *  - `greedy` → `greedy` (reproduces the official results of the greedy samples).
 *  - `equalshares/add1` → `mes-cost-add1u-noexh` (variant C): the only official Add1 result in the
 *    samples, Wieliczka 2023, is exactly variant C (pb-rules.md §3.3); A and B stop earlier there.
 *  - anything else (`greedy-no-skip`, `greedy-threshold`, `equalshares` without a named completion,
 *    the `-comparison` rules, `unknown`, …) → null.
 */
export function ruleForPabulibMeta(metaRule: string | undefined): RuleName | null {
  const name = metaRule?.trim().toLowerCase();
  if (name === 'greedy') return 'greedy';
  if (name === 'equalshares/add1') return 'mes-cost-add1u-noexh';
  return null;
}

interface RuleSpec {
  utilities: Utilities | null;
  add1: Add1Variant | null;
  completion: boolean;
}

const SPECS: Record<RuleName, RuleSpec> = {
  greedy: { utilities: null, add1: null, completion: false },
  'mes-cost': { utilities: 'cost', add1: null, completion: false },
  'mes-card': { utilities: 'cardinality', add1: null, completion: false },
  'mes-cost-u': { utilities: 'cost', add1: null, completion: true },
  'mes-cost-add1u': { utilities: 'cost', add1: 'A', completion: true },
  'mes-cost-add1u-eqtool': { utilities: 'cost', add1: 'B', completion: true },
  'mes-cost-add1u-noexh': { utilities: 'cost', add1: 'C', completion: true },
  'mes-card-add1u': { utilities: 'cardinality', add1: 'A', completion: true },
};

export interface TallyOptions extends Add1Options {
  /** Warnings to carry into the result (e.g. from `approvalElectionFromPb`). */
  warnings?: string[];
}

/**
 * Counts an approval election with the named rule. Throws `UnknownRuleError`, `TallyInputError`
 * (bad ballots) or `Add1NonTerminationError` (variants B and C on elections where they loop).
 */
export function tally(election: ApprovalElection | PreparedElection, rule: string, options: TallyOptions = {}): TallyResult {
  if (!isRuleName(rule)) throw new UnknownRuleError(rule);
  const prep = 'tieOrder' in election ? election : prepareElection(election);
  const spec = SPECS[rule];
  const label = RULES.find((r) => r.name === rule)!.label;
  const warnings = [...(options.warnings ?? [])];

  const selectedFlags = new Uint8Array(prep.m);
  const order: number[] = [];
  const reasons: OutcomeReason[] = new Array(prep.m);
  const projects: ProjectOutcome[] = prep.ids.map((id, p) => ({
    id,
    cost: prep.costs[p]!,
    votes: prep.votes[p]!,
    selected: false,
    reason: 'over-remaining-budget',
    selectionOrder: null,
  }));
  const ties: TieBreak[] = [];
  let spent = Rational.ZERO;
  let mes: MesSummary | null = null;

  if (spec.utilities) {
    let outcome: MesOutcome;
    let runs = 1;
    let exactRuns = 1;
    let shortcut = false;
    if (spec.add1) {
      const result = runAdd1(prep, spec.add1, spec.utilities, options);
      outcome = result.outcome;
      runs = result.runs;
      exactRuns = result.exactRuns;
      shortcut = result.shortcut;
    } else {
      const engine = new MesEngine(prep, spec.utilities, options.float ?? true);
      outcome = engine.run(equalEndowment(prep), true);
      exactRuns = engine.exactRuns;
    }
    for (const p of outcome.selected) {
      selectedFlags[p] = 1;
      order.push(p);
      reasons[p] = 'selected-mes';
      projects[p]!.mes = outcome.selections[p];
    }
    for (let p = 0; p < prep.m; p++) {
      if (outcome.isSelected[p]) continue;
      if (outcome.supportersBudget[p]) projects[p]!.supportersBudget = outcome.supportersBudget[p];
      reasons[p] = prep.votes[p] === 0 ? 'no-votes' : isCandidate(prep, p) ? 'supporters-exhausted' : 'zero-cost';
    }
    ties.push(...outcome.ties);
    spent = outcome.spent;
    mes = { utilities: spec.utilities, add1Variant: spec.add1, add1Step: spec.add1 ? (options.step ?? Rational.ONE) : null, runs, exactRuns, endowment: outcome.endowment, spent: outcome.spent, shortcut };
  }

  if (!spec.utilities || spec.completion) {
    const stage = spec.utilities ? 'completion' : 'greedy';
    const fill = fillByVotes(prep, selectedFlags, spent, stage);
    for (const p of fill.added) {
      order.push(p);
      reasons[p] = stage === 'greedy' ? 'selected-greedy' : 'selected-completion';
    }
    for (let p = 0; p < prep.m; p++) {
      const remaining = fill.remainingAt[p];
      if (remaining === undefined) continue;
      projects[p]!.remainingBudget = remaining;
      if (!selectedFlags[p]) reasons[p] = 'over-remaining-budget';
    }
    ties.push(...fill.ties);
    spent = fill.spent;
  }

  order.forEach((p, i) => {
    projects[p]!.selected = true;
    projects[p]!.selectionOrder = i + 1;
  });
  projects.forEach((project, p) => (project.reason = reasons[p]!));
  const selectedIds = new Set(order.map((p) => prep.ids[p]!));
  for (const tie of ties) {
    const fates = new Set(tie.projects.map((id) => selectedIds.has(id)));
    tie.mixedOutcome = fates.size > 1;
  }
  if (spent.gt(prep.budget)) throw new Error('internal error: the outcome exceeds the budget');

  return {
    rule,
    label: { es: label.es, en: label.en },
    budget: prep.budget,
    totalCost: spent,
    voters: prep.n,
    selected: order.map((p) => prep.ids[p]!),
    projects,
    ties,
    mes,
    warnings,
  };
}
