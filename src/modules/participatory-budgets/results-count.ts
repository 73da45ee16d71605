/**
 * Counts every envelope of an edition and stores the outcome: one result row per scope
 * (sub-envelope or rest, see envelope-election.ts), proposals marked 'selected'/'not_selected',
 * and (for Bogotá's editions) an execution row per winner. Runs inside the caller's transaction;
 * used by publish-results and by the Pabulib import.
 */
import type { Tx } from '../../core/db/database.ts';
import { alcaldiaOf, listEnvelopes } from './editions.queries.ts';
import { approvalElectionOf, loadBallots, loadCandidates, loadSubEnvelopes, scopesOf } from './envelope-election.ts';
import type { CountingRule } from './participatory-budgets.schema.ts';
import { detailOf } from './results-detail.ts';
import { Add1NonTerminationError } from './tally/add1.ts';
import type { TallyResult } from './tally/result.ts';
import { tally } from './tally/rules.ts';
import { Rational } from './tally/rational.ts';
import { notifyProposalFollowers } from './commands/notify-followers.ts';

export interface CountOptions {
  /** Create execution rows for the winners (Bogotá's editions; not imported elections). */
  createExecution: boolean;
  /**
   * Rule to use when the edition's rule cannot finish on a scope (Add1 variants B and C can loop
   * on some elections). Without it such a count fails with CountFailedError.
   */
  fallbackRule?: CountingRule;
}

export interface ScopeCount {
  envelopeId: string;
  subEnvelopeId: string | null;
  rule: CountingRule;
  ballots: number;
  projects: number;
  winners: number;
  budget: string;
  spent: string;
}

/** The edition's rule cannot count one of its scopes (the admin sees the message). */
export class CountFailedError extends Error {
  constructor(
    readonly envelopeName: string,
    readonly es: string,
    readonly en: string,
  ) {
    super(`${envelopeName}: ${es} / ${en}`);
    this.name = 'CountFailedError';
  }
}

function countWith(rule: CountingRule, options: CountOptions, run: (rule: CountingRule) => TallyResult, envelopeName: string): { result: TallyResult; rule: CountingRule; fallbackFrom?: CountingRule } {
  try {
    return { result: run(rule), rule };
  } catch (error) {
    if (!(error instanceof Add1NonTerminationError)) throw error;
    if (options.fallbackRule && options.fallbackRule !== rule) return { result: run(options.fallbackRule), rule: options.fallbackRule, fallbackFrom: rule };
    throw new CountFailedError(envelopeName, error.es, error.en);
  }
}

const BATCH = 1000;

/** Counts and stores every envelope of the edition. The caller checks the phase and sets results_published_at. */
export async function countEdition(tx: Tx, edition: { id: string; counting_rule: CountingRule; add1_step?: string }, options: CountOptions): Promise<ScopeCount[]> {
  const counts: ScopeCount[] = [];
  // Add1's per-voter step of the edition (1 for imported Pabulib elections: recounts as published).
  const step = Rational.fromString(edition.add1_step ?? '1');
  for (const envelope of await listEnvelopes(tx, edition.id)) {
    const candidates = await loadCandidates(tx, envelope.id, ['viable']);
    const ballots = await loadBallots(tx, envelope.id);
    const scopes = scopesOf(envelope.amount, await loadSubEnvelopes(tx, envelope.id), candidates);
    const winners: string[] = [];
    for (const scope of scopes) {
      const election = approvalElectionOf(scope, ballots);
      const { result, rule, fallbackFrom } = countWith(edition.counting_rule, options, (r) => tally(election, r, { step }), envelope.name);
      const detail = detailOf(rule, scope.candidates, result, fallbackFrom);
      await tx
        .insertInto('participatory_budgets_results')
        .values({
          envelope_id: envelope.id,
          sub_envelope_id: scope.subEnvelope?.id ?? null,
          counting_rule: rule,
          ballots_count: result.voters,
          budget: scope.budget.toDecimalString(),
          spent: result.totalCost.toDecimalString(),
          detail: JSON.stringify(detail),
        })
        .execute();
      const selected = detail.projects.filter((p) => p.selected).map((p) => p.proposalId);
      winners.push(...selected);
      counts.push({
        envelopeId: envelope.id,
        subEnvelopeId: scope.subEnvelope?.id ?? null,
        rule,
        ballots: result.voters,
        projects: scope.candidates.length,
        winners: selected.length,
        budget: scope.budget.toDecimalString(),
        spent: result.totalCost.toDecimalString(),
      });
    }
    const now = new Date().toISOString();
    const winnerSet = new Set(winners);
    const losers = candidates.filter((c) => !winnerSet.has(c.proposalId)).map((c) => c.proposalId);
    for (let i = 0; i < winners.length; i += BATCH) {
      await tx.updateTable('participatory_budgets_proposals').set({ status: 'selected', updated_at: now }).where('id', 'in', winners.slice(i, i + BATCH)).execute();
    }
    for (let i = 0; i < losers.length; i += BATCH) {
      await tx.updateTable('participatory_budgets_proposals').set({ status: 'not_selected', updated_at: now }).where('id', 'in', losers.slice(i, i + BATCH)).execute();
    }
    if (options.createExecution && winners.length > 0) {
      const entity = alcaldiaOf(envelope.localidad_code);
      await tx
        .insertInto('participatory_budgets_execution')
        .values(winners.map((id) => ({ proposal_id: id, status: 'planned' as const, progress: 0, responsible_entity_code: entity, updated_at: now, updated_by: null })))
        .execute();
      // Followers of a winner hear it with the publication (same transaction).
      await notifyProposalFollowers(tx, { proposalIds: winners, news: 'selected' });
    }
  }
  return counts;
}
