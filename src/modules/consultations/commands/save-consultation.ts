import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import type { ConsultationInput } from '../consultation-form.ts';

const columnsOf = (input: ConsultationInput) => ({
  entity_code: input.entityCode,
  title: input.title,
  description: input.description,
  opens_at: input.opensAt.toISOString(),
  closes_at: input.closesAt.toISOString(),
  min_level: input.minLevel,
  min_age: input.minAge,
  secret: input.secret,
  allow_edit: input.allowEdit,
});

/**
 * Creates a consultation (as a draft) or updates one that has not opened yet (the route checks the
 * `edit` permission, which holds only before opening). Audited with the settings before and after.
 */
export async function saveConsultation(tx: Tx, actor: Actor, input: ConsultationInput, consultationId: string | null, requestId?: string): Promise<{ id: string }> {
  const now = new Date().toISOString();
  const before = consultationId ? await tx.selectFrom('consultations_consultations').selectAll().where('id', '=', consultationId).forUpdate().executeTakeFirstOrThrow() : null;
  const row = before
    ? await tx.updateTable('consultations_consultations').set({ ...columnsOf(input), updated_at: now }).where('id', '=', before.id).returning('id').executeTakeFirstOrThrow()
    : await tx
        .insertInto('consultations_consultations')
        .values({ ...columnsOf(input), created_by: actor.userId, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
  await tx.deleteFrom('consultations_localidades').where('consultation_id', '=', row.id).execute();
  if (input.localidades.length) {
    await tx
      .insertInto('consultations_localidades')
      .values(input.localidades.map((code) => ({ consultation_id: row.id, localidad_code: code })))
      .execute();
  }
  await recordAudit(tx, {
    actor,
    action: before ? 'consultations.update' : 'consultations.create',
    resourceType: 'consultations.consultation',
    resourceId: row.id,
    before: before ?? undefined,
    after: { ...columnsOf(input), localidades: input.localidades },
    requestId,
  });
  return row;
}
