import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { FileStore } from '../../../core/files/file-store.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import type { DescriptionInput } from './proposal-fields.ts';
import { storeProposalImage } from './store-proposal-image.ts';

/**
 * Next public number of an edition. The edition row is locked (FOR NO KEY UPDATE, which does not
 * block rows referencing it) until the transaction ends, so concurrent proposals take turns and
 * never pick the same number; UNIQUE (edition_id, number) stays the last word. Numbers of
 * abandoned drafts are not reused: gaps are fine, reuse would confuse people who saw a number.
 */
export async function nextProposalNumber(tx: Tx, editionId: string): Promise<number> {
  await tx.selectFrom('participatory_budgets_editions').select('id').where('id', '=', editionId).forNoKeyUpdate().executeTakeFirstOrThrow();
  const row = await tx
    .selectFrom('participatory_budgets_proposals')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('edition_id', '=', editionId)
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

/**
 * Step 1 of "Registra tu propuesta": creates the proposal as a draft (visible only to its
 * authors) with its description, and makes the person its author. Audited as
 * `participatory-budgets.create-proposal`.
 */
export async function createProposal(
  tx: Tx,
  files: FileStore,
  input: { editionId: string; envelopeId: string; actor: Actor; fields: DescriptionInput; requestId?: string | null },
): Promise<{ id: string; number: number }> {
  const number = await nextProposalNumber(tx, input.editionId);
  const { image, ...fields } = input.fields;
  const imageFileId = image ? await storeProposalImage(tx, files, image, input.actor.userId) : null;
  const row = await tx
    .insertInto('participatory_budgets_proposals')
    .values({
      edition_id: input.editionId,
      envelope_id: input.envelopeId,
      number,
      ...fields,
      image_file_id: imageFileId,
      image_alt: imageFileId ? fields.image_alt : '',
      // Set in step 3; a draft cannot be submitted until it is at least one peso.
      estimated_cost: 0,
      status: 'draft',
      created_by: input.actor.userId,
      updated_at: new Date().toISOString(),
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
  await tx.insertInto('participatory_budgets_proposal_authors').values({ proposal_id: row.id, user_id: input.actor.userId, role: 'author' }).execute();
  await recordAudit(tx, {
    actor: input.actor,
    action: 'participatory-budgets.create-proposal',
    resourceType: 'participatory_budgets_proposal',
    resourceId: row.id,
    after: { number, title: fields.title, envelopeId: input.envelopeId, image: Boolean(imageFileId) },
    requestId: input.requestId ?? null,
  });
  return row;
}
