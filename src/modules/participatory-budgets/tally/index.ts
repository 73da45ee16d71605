/**
 * Vote counting for participatory budgeting (pure TypeScript, exact arithmetic, no database).
 * Spec: shared/docs/research/pb-rules.md. What the module code should use:
 *
 *   const { election, warnings } = approvalElectionFromPb(parsePabulib(text));   // or build an ApprovalElection
 *   const result = tally(election, 'mes-cost-add1u', { warnings });              // TallyResult
 *
 * `JSON.stringify(result)` writes every Rational as an exact "n" or "n/d" string.
 */
export { tally, RULES, isRuleName, ruleForPabulibMeta, UnknownRuleError, type RuleName, type TallyOptions } from './rules.ts';
export type { TallyResult, ProjectOutcome, OutcomeReason, MesSelection, MesSummary, Utilities } from './result.ts';
export type { TieBreak, TieLevel } from './tie-break.ts';
export {
  approvalElectionFromPb,
  prepareElection,
  TallyInputError,
  type ApprovalElection,
  type ApprovalProject,
  type ApprovalBallot,
  type PreparedElection,
} from './election.ts';
export { Add1NonTerminationError } from './add1.ts';
export { parsePabulib, writePabulib, PabulibError, type PbElection, type PbProject, type PbVote } from './pabulib.ts';
export { Rational, RationalFormatError } from './rational.ts';
