import type { Tx } from '../../../core/db/database.ts';
import { notify } from '../../../core/notifications/notify.ts';
import { executionPath, proposalPath } from '../proposals.queries.ts';

/** What followers hear about (keys under `participatory-budgets.notifications.`). */
export type FollowerNews =
  | 'viable'
  | 'not_viable'
  | 'merged'
  | 'selected'
  | 'execution.planned'
  | 'execution.contracting'
  | 'execution.in_progress'
  | 'execution.completed'
  | 'execution.suspended';

/**
 * Tells the followers of each proposal (in the app and by e-mail) what happened to it, except the
 * person who did it. Runs in the caller's transaction: nobody hears of a change that did not
 * commit. The message carries the proposal's public title and number only; the link goes to the
 * proposal, or to its execution project for execution news. `target` is the proposal a merged one
 * joined (its number and title go into the message and the link).
 */
export async function notifyProposalFollowers(
  tx: Tx,
  input: { proposalIds: readonly string[]; news: FollowerNews; exceptUserId?: string | null; target?: { number: number; title: string } },
): Promise<void> {
  if (input.proposalIds.length === 0) return;
  const rows = await tx
    .selectFrom('participatory_budgets_follows as f')
    .innerJoin('participatory_budgets_proposals as p', 'p.id', 'f.proposal_id')
    .innerJoin('participatory_budgets_editions as e', 'e.id', 'p.edition_id')
    .innerJoin('participatory_budgets_envelopes as v', 'v.id', 'p.envelope_id')
    .select(['f.user_id', 'p.id', 'p.number', 'p.title', 'e.slug', 'v.localidad_code', 'v.id as envelope_id'])
    .where('f.proposal_id', 'in', [...input.proposalIds])
    .orderBy('p.number')
    .execute();
  const byProposal = new Map<string, typeof rows>();
  for (const row of rows) {
    if (row.user_id === input.exceptUserId) continue;
    byProposal.set(row.id, [...(byProposal.get(row.id) ?? []), row]);
  }
  for (const followers of byProposal.values()) {
    const p = followers[0]!;
    const edition = { slug: p.slug };
    const url = input.news.startsWith('execution.')
      ? executionPath(edition, { id: p.envelope_id, localidad_code: p.localidad_code }, p.number)
      : proposalPath(edition, input.target && input.news === 'merged' ? input.target.number : p.number);
    const vars = { title: p.title, number: p.number, ...(input.target ? { target: `#${input.target.number} «${input.target.title}»` } : {}) };
    await notify(tx, { userIds: followers.map((f) => f.user_id), key: `participatory-budgets.notifications.${input.news}`, vars, url, email: true });
  }
}
