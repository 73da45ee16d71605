import type { Updateable } from 'kysely';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Database } from '../../../core/db/schema.ts';
import type { FileStore } from '../../../core/files/file-store.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import type { ProposalStatus } from '../participatory-budgets.schema.ts';
import { EDITABLE_STATUSES } from '../proposals.queries.ts';
import { reindexProposal } from './index-proposal.ts';
import { lockProposal } from './lock-proposal.ts';
import type { CostInput, DescriptionInput, IdeaInput } from './proposal-fields.ts';
import { storeProposalImage } from './store-proposal-image.ts';

export type StepFields = { step: 1; fields: DescriptionInput } | { step: 2; fields: IdeaInput } | { step: 3; fields: CostInput };

export type UpdateProposalResult = { ok: true; status: ProposalStatus } | { ok: false; reason: 'not_found' | 'not_editable' };

/**
 * Saves one step of a proposal (a draft, or a submitted proposal its authors correct while the
 * proposal window is open; valuation freezes it). Who may edit and when is the route's
 * `edit-proposal` check. Audited as `participatory-budgets.update-proposal` with the changed
 * columns and their values (proposals are public text).
 */
export async function updateProposal(tx: Tx, files: FileStore, input: StepFields & { proposalId: string; actor: Actor; requestId?: string | null }): Promise<UpdateProposalResult> {
  const before = await lockProposal(tx, input.proposalId);
  if (!before) return { ok: false, reason: 'not_found' };
  if (!EDITABLE_STATUSES.includes(before.status)) return { ok: false, reason: 'not_editable' };
  let patch: Updateable<Database['participatory_budgets_proposals']>;
  if (input.step === 1) {
    const { image, ...fields } = input.fields;
    patch = { ...fields };
    if (image) patch.image_file_id = await storeProposalImage(tx, files, image, input.actor.userId);
    else if (image === null) patch.image_file_id = null;
    if ((patch.image_file_id ?? (image === undefined ? before.image_file_id : null)) === null) patch.image_alt = '';
  } else if (input.step === 2) {
    patch = { ...input.fields };
  } else {
    patch = { ...input.fields };
  }
  const changed: Record<string, { before: unknown; after: unknown }> = {};
  for (const [key, value] of Object.entries(patch)) {
    const old = before[key as keyof typeof before];
    if (String(old ?? '') !== String(value ?? '') && !(typeof value === 'number' && old !== null && Number(old) === value)) changed[key] = { before: old, after: value };
  }
  if (Object.keys(changed).length === 0) return { ok: true, status: before.status };
  await tx
    .updateTable('participatory_budgets_proposals')
    .set({ ...patch, updated_at: new Date().toISOString() })
    .where('id', '=', input.proposalId)
    .execute();
  if (before.status !== 'draft') await reindexProposal(tx, input.proposalId);
  await recordAudit(tx, {
    actor: input.actor,
    action: 'participatory-budgets.update-proposal',
    resourceType: 'participatory_budgets_proposal',
    resourceId: input.proposalId,
    before: Object.fromEntries(Object.entries(changed).map(([k, v]) => [k, v.before])),
    after: { step: input.step, ...Object.fromEntries(Object.entries(changed).map(([k, v]) => [k, v.after])) },
    requestId: input.requestId ?? null,
  });
  return { ok: true, status: before.status };
}
