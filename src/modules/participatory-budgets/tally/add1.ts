/**
 * Add1: raise every voter's endowment by one step (one currency unit by default) and re-run MES until a stop rule
 * holds (pb-rules.md §3.3). The three variants in use stop differently and give different
 * outcomes on real data, so each is a separate rule. The endowment is scanned one step at a time:
 * the selected set is not monotone in the endowment, so a binary search would be wrong.
 *
 * The step is one currency unit unless `step` says otherwise (pabutools' `voter_budget_increment`):
 * over a COP envelope one peso per voter means hundreds of thousands of MES runs, so an edition can
 * fix a coarser step (e.g. 1,000 COP). Each variant keeps its start and stop rules; only the
 * increment changes, and results name it. Pabulib files are recounted with step 1, as published.
 */
import type { PreparedElection } from './election.ts';
import { isCandidate, MesEngine, type MesOutcome, type Utilities } from './equal-shares.ts';
import { Rational } from './rational.ts';

export type Add1Variant = 'A' | 'B' | 'C';

/** Add1 would loop for ever on this election (variants B and C); the message says why. */
export class Add1NonTerminationError extends Error {
  constructor(
    readonly variant: Add1Variant,
    readonly es: string,
    readonly en: string,
  ) {
    super(`Add1 (variante ${variant}) no termina: ${es} / Add1 (variant ${variant}) does not terminate: ${en}`);
    this.name = 'Add1NonTerminationError';
  }
}

export interface Add1Outcome {
  /** The MES outcome chosen, computed again with explanations. */
  outcome: MesOutcome;
  /** MES runs made by the scan (the explaining re-run is not counted). */
  runs: number;
  /** Of those, runs that needed exact arithmetic (the rest were proven in floating point). */
  exactRuns: number;
  /** True when Σ of all costs ≤ budget: one MES(B/n) run, completion then funds everything. */
  shortcut: boolean;
}

export interface Add1Options {
  /** Tests only: disable the "Σ costs ≤ B" shortcut to check run counts against the spec. */
  shortcut?: boolean;
  /** Tests and benchmarks only: false computes every MES run exactly (no float engine). */
  float?: boolean;
  /** Endowment increment per voter (a positive integer; default 1 currency unit). */
  step?: Rational;
}

/** B / n, or 0 without voters (MES then has no candidates). */
export function equalEndowment(prep: PreparedElection): Rational {
  return prep.n === 0 ? Rational.ZERO : prep.budget.div(Rational.from(prep.n));
}

function leftover(prep: PreparedElection, outcome: MesOutcome): Rational {
  return prep.budget.sub(outcome.spent);
}

/** No unselected project among `projects` fits in what is left of the budget. */
function exhaustive(prep: PreparedElection, outcome: MesOutcome, projects: readonly number[]): boolean {
  const left = leftover(prep, outcome);
  return !projects.some((p) => !outcome.isSelected[p] && prep.costs[p]!.le(left));
}

export function runAdd1(prep: PreparedElection, variant: Add1Variant, utilities: Utilities, options: Add1Options = {}): Add1Outcome {
  const engine = new MesEngine(prep, utilities, options.float ?? true);
  // The explaining re-run of the chosen endowment is always exact and is not a scan run.
  const done = (outcome: MesOutcome, runs: number, shortcut: boolean): Add1Outcome => {
    const exactRuns = engine.exactRuns;
    return { outcome: shortcut ? outcome : engine.run(outcome.endowment, true), runs, exactRuns, shortcut };
  };
  const candidates = prep.tieOrder.filter((p) => isCandidate(prep, p));
  const allProjects = prep.tieOrder;
  const step = options.step ?? Rational.ONE;
  if (!step.gt(Rational.ZERO)) throw new Error('Add1 step must be positive');

  // Valid for all three variants: with every project affordable, add1u funds all of them.
  if ((options.shortcut ?? true) && prep.totalCost.le(prep.budget)) {
    return done(engine.run(equalEndowment(prep), true), 1, true);
  }

  const candidateCost = candidates.reduce((sum, p) => sum.add(prep.costs[p]!), Rational.ZERO);
  const allCandidates = (outcome: MesOutcome) => candidates.every((p) => outcome.isSelected[p]);

  if (variant === 'A') {
    // pabutools: start at B/n exactly; stop when over budget (keep the previous outcome) or
    // exhaustive w.r.t. the MES candidates. Terminates: at an endowment ≥ Σ costs MES selects every
    // candidate, which is exhaustive or over budget.
    let endowment = equalEndowment(prep);
    let previous: MesOutcome | null = null;
    let runs = 0;
    for (;;) {
      const outcome = engine.run(endowment);
      runs++;
      if (outcome.spent.gt(prep.budget)) {
        if (!previous) throw new Error('MES(B/n) cannot exceed the budget');
        return done(previous, runs, false);
      }
      if (exhaustive(prep, outcome, candidates)) return done(outcome, runs, false);
      if (endowment.gt(prep.totalCost)) throw new Error('Add1 variant A did not stop (cannot happen)');
      previous = outcome;
      endowment = endowment.add(step);
    }
  }

  // B and C start from the integral part of B/n.
  if (variant === 'C' && candidateCost.le(prep.budget)) {
    throw new Add1NonTerminationError(
      'C',
      'todos los proyectos con votos caben en el presupuesto, así que subir la dotación nunca lo excede; use otra regla',
      'every project with votes fits in the budget, so raising the endowment never exceeds it; use another rule',
    );
  }
  let endowment = Rational.from(equalEndowment(prep).floor());
  let outcome = engine.run(endowment);
  let runs = 1;
  for (;;) {
    if (variant === 'B' && exhaustive(prep, outcome, allProjects)) break;
    if (allCandidates(outcome)) {
      // MES cannot select more; with the total within budget the stop test never succeeds.
      throw new Add1NonTerminationError(
        variant,
        'MES ya selecciona todos los proyectos con votos y queda un proyecto que cabe (sin votos o de coste 0)',
        'MES already selects every project with votes and a project that fits remains (no votes or cost 0)',
      );
    }
    const next = engine.run(endowment.add(step));
    runs++;
    if (next.spent.gt(prep.budget)) break;
    outcome = next;
    endowment = endowment.add(step);
  }
  return done(outcome, runs, false);
}
