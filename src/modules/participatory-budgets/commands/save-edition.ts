import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import { isUniqueViolation } from '../../../core/db/pg-errors.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import type { EditionInput } from '../edition-form.ts';
import { findEditionById } from '../editions.queries.ts';

export class SlugTakenError extends Error {}

export type SaveEditionResult = { ok: true; id: string; slug: string } | { ok: false; errors: FieldErrors };

const columnsOf = (input: EditionInput) => ({
  title: input.title,
  slug: input.slug,
  year: input.year,
  description: input.description,
  ballot_rule: input.ballotRule,
  ballot_config: JSON.stringify(input.ballotConfig),
  counting_rule: input.countingRule,
  add1_step: input.add1Step,
  min_age: input.minAge,
  proposals_open_at: input.proposalsOpenAt.toISOString(),
  proposals_close_at: input.proposalsCloseAt.toISOString(),
  review_close_at: input.reviewCloseAt.toISOString(),
  voting_open_at: input.votingOpenAt.toISOString(),
  voting_close_at: input.votingCloseAt.toISOString(),
  execution_starts_on: input.executionStartsOn,
});

/**
 * Creates an edition, or updates one. Once someone has voted the ballot rule and its settings are
 * fixed (ballots already cast were filled under them), and once results are published so is the
 * counting rule.
 */
export async function saveEdition(tx: Tx, actor: Actor, input: EditionInput, editionId: string | null, requestId?: string): Promise<SaveEditionResult> {
  const errors: FieldErrors = {};
  const before = editionId ? await findEditionById(tx, editionId) : null;
  if (editionId && !before) return { ok: false, errors: { title: { key: 'errors.not_found' } } };
  if (before) {
    const ballots = await tx.selectFrom('participatory_budgets_voters').select('identity_hash').where('edition_id', '=', before.id).limit(1).executeTakeFirst();
    const ballotChanged = before.ballot_rule !== input.ballotRule || JSON.stringify(before.ballot_config) !== JSON.stringify(input.ballotConfig);
    if (ballots && ballotChanged) errors.ballot_rule = { key: 'participatory-budgets.admin.errors.ballot_locked' };
    if (before.results_published_at && before.counting_rule !== input.countingRule) errors.counting_rule = { key: 'participatory-budgets.admin.errors.counting_locked' };
    if (before.results_published_at && Number(before.add1_step) !== Number(input.add1Step)) errors.add1_step = { key: 'participatory-budgets.admin.errors.counting_locked' };
    if (before.results_published_at && input.votingCloseAt.getTime() !== before.voting_close_at.getTime()) errors.voting_close_at = { key: 'participatory-budgets.admin.errors.dates_locked' };
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const taken = await tx.selectFrom('participatory_budgets_editions').select('id').where('slug', '=', input.slug).executeTakeFirst();
  if (taken && taken.id !== before?.id) return { ok: false, errors: { slug: { key: 'participatory-budgets.admin.errors.slug_taken' } } };
  let row: { id: string; slug: string };
  try {
    row = before
      ? await tx.updateTable('participatory_budgets_editions').set(columnsOf(input)).where('id', '=', before.id).returning(['id', 'slug']).executeTakeFirstOrThrow()
      : await tx
          .insertInto('participatory_budgets_editions')
          .values({ ...columnsOf(input), created_by: actor.userId })
          .returning(['id', 'slug'])
          .executeTakeFirstOrThrow();
  } catch (error) {
    // Two admins picking the same address at once: the loser's transaction is aborted, so say it
    // from outside (the route catches SlugTakenError after the rollback).
    if (isUniqueViolation(error)) throw new SlugTakenError();
    throw error;
  }
  await recordAudit(tx, {
    actor,
    action: before ? 'participatory-budgets.update-edition' : 'participatory-budgets.create-edition',
    resourceType: 'participatory-budgets.edition',
    resourceId: row.id,
    before: before ?? undefined,
    after: columnsOf(input),
    requestId,
  });
  return { ok: true, ...row };
}
