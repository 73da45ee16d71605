import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';

/** Saves an answer template of an entity; titles are unique per entity. */
export async function saveTemplate(
  tx: Tx,
  input: { entityCode: string; title: string; body: string; actor: Actor; requestId?: string | null },
): Promise<{ ok: true; id: string } | { ok: false; error: 'duplicate' }> {
  // ON CONFLICT instead of catching the violation: an error would abort the whole transaction.
  const row = await tx
    .insertInto('service_requests_templates')
    .values({ entity_code: input.entityCode, title: input.title, body: input.body, created_by: input.actor.userId })
    .onConflict((oc) => oc.columns(['entity_code', 'title']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) return { ok: false, error: 'duplicate' };
  await recordAudit(tx, {
    actor: input.actor,
    action: 'service-requests.save-template',
    resourceType: 'service-request-template',
    resourceId: row.id,
    after: { entity: input.entityCode, title: input.title },
    requestId: input.requestId ?? null,
  });
  return { ok: true, id: row.id };
}

export async function deleteTemplate(tx: Tx, input: { id: string; actor: Actor; requestId?: string | null }): Promise<void> {
  const row = await tx.deleteFrom('service_requests_templates').where('id', '=', input.id).returning(['entity_code', 'title']).executeTakeFirst();
  if (row) {
    await recordAudit(tx, {
      actor: input.actor,
      action: 'service-requests.delete-template',
      resourceType: 'service-request-template',
      resourceId: input.id,
      before: { entity: row.entity_code, title: row.title },
      requestId: input.requestId ?? null,
    });
  }
}
