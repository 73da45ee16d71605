import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { findDataset, type Dataset } from '../catalogue.queries.ts';
import type { DatasetInput, InputErrors } from '../dataset-input.ts';

export type SaveResult = { ok: true; dataset: Dataset } | { ok: false; errors: InputErrors };

/**
 * Creates or updates a dataset with its tags, then stores the new version and the audit entry, all
 * in the caller's transaction: a version exists exactly when the change does.
 */
export async function saveDataset(tx: Tx, input: { value: DatasetInput; before: Dataset | null; actor: Actor | null; now: Date; sourceExport?: string | null; requestId?: string | null }): Promise<SaveResult> {
  const { value, before } = input;
  const errors: InputErrors = {};
  const org = await tx.selectFrom('core_entities').select('code').where('code', '=', value.ownerOrg).executeTakeFirst();
  if (!org) errors.owner_org = 'unknown_org';
  const group = await tx.selectFrom('open_data_groups').select('id').where((eb) => eb.or([eb('name', '=', value.groupName), eb('id', '=', isUuidLike(value.groupName) ? value.groupName : '00000000-0000-0000-0000-000000000000')])).executeTakeFirst();
  if (!group) errors.groups = 'unknown_group';
  const clash = await tx.selectFrom('open_data_datasets').select('id').where('name', '=', value.name).executeTakeFirst();
  if (clash && clash.id !== before?.id) errors.name = 'taken';
  if (!org || !group || Object.keys(errors).length > 0) return { ok: false, errors };

  const columns = {
    name: value.name,
    title: value.title,
    notes: value.notes,
    entity_code: value.ownerOrg,
    group_id: group.id,
    license_id: value.licenseId,
    frequency: value.frequency,
    localidades: value.localidades,
    temporal_start: value.temporalStart,
    temporal_end: value.temporalEnd,
    contact_name: value.contactName,
    contact_email: value.contactEmail,
    extras: JSON.stringify(value.extras),
    private: value.private,
    modified_at: input.now.toISOString(),
  };
  const id = before
    ? (await tx.updateTable('open_data_datasets').set((eb) => ({ ...columns, version: eb('version', '+', 1) })).where('id', '=', before.id).returning('id').executeTakeFirstOrThrow()).id
    : (
        await tx
          .insertInto('open_data_datasets')
          .values({ ...columns, created_by: input.actor?.userId ?? null, created_at: input.now.toISOString(), source_export: input.sourceExport ?? null })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
  await setTags(tx, id, value.tags);
  const saved = await recordVersion(tx, id, input.actor);
  await recordAudit(tx, {
    actor: input.actor,
    action: before ? 'open-data.update-dataset' : 'open-data.create-dataset',
    resourceType: 'open_data_dataset',
    resourceId: id,
    before: before ?? undefined,
    after: saved,
    requestId: input.requestId,
  });
  return { ok: true, dataset: saved };
}

const isUuidLike = (v: string) => /^[0-9a-f-]{36}$/i.test(v);

async function setTags(tx: Tx, datasetId: string, names: readonly string[]): Promise<void> {
  await tx.deleteFrom('open_data_dataset_tags').where('dataset_id', '=', datasetId).execute();
  if (names.length === 0) return;
  await tx
    .insertInto('open_data_tags')
    .values(names.map((name) => ({ name })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const tags = await tx.selectFrom('open_data_tags').select('id').where('name', 'in', names).execute();
  await tx
    .insertInto('open_data_dataset_tags')
    .values(tags.map((t) => ({ dataset_id: datasetId, tag_id: t.id })))
    .execute();
}

/** Stores the dataset as it now is under its current version number and returns it. */
export async function recordVersion(tx: Tx, datasetId: string, actor: Actor | null): Promise<Dataset> {
  const saved = (await findDataset(tx, datasetId))!;
  await tx
    .insertInto('open_data_dataset_versions')
    .values({ dataset_id: datasetId, version: saved.version, snapshot: JSON.stringify(saved), actor_id: actor?.userId ?? null })
    .onConflict((oc) => oc.columns(['dataset_id', 'version']).doUpdateSet({ snapshot: JSON.stringify(saved) }))
    .execute();
  return saved;
}

/** A change to a dataset's resources is a change of the dataset: new version, new modified time. */
export async function bumpVersion(tx: Tx, datasetId: string, actor: Actor | null, now: Date): Promise<Dataset> {
  await tx
    .updateTable('open_data_datasets')
    .set((eb) => ({ version: eb('version', '+', 1), modified_at: now.toISOString() }))
    .where('id', '=', datasetId)
    .execute();
  return recordVersion(tx, datasetId, actor);
}
