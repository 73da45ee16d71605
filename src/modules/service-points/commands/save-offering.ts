import { sql } from 'kysely';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import type { OfferingInput } from '../centre-forms.ts';
import type { Centre } from '../centres.queries.ts';

/**
 * Offers a service at a centre, or changes how its turns are cut (slot length, people per slot).
 * Slots already holding bookings keep their seats: their capacity follows the new value but never
 * drops below what is already booked. Audited.
 */
export async function saveOffering(tx: Tx, input: { centre: Centre; offering: OfferingInput; actor: Actor; now: Date; requestId?: string | null }): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const { centre, offering } = input;
  const service = await tx.selectFrom('service_points_services').select(['id', 'entity_code']).where('slug', '=', offering.serviceSlug).executeTakeFirst();
  if (!service) return { ok: false, errors: { service: { key: 'service-points.admin.errors.service' } } };
  const before = await tx.selectFrom('service_points_offerings').select(['active', 'slot_minutes', 'capacity']).where('centre_id', '=', centre.id).where('service_id', '=', service.id).executeTakeFirst();
  const row = { active: true, slot_minutes: offering.slotMinutes, capacity: offering.capacity, updated_at: input.now.toISOString(), updated_by: input.actor.userId };
  await tx
    .insertInto('service_points_offerings')
    .values({ centre_id: centre.id, service_id: service.id, ...row })
    .onConflict((oc) => oc.columns(['centre_id', 'service_id']).doUpdateSet(row))
    .execute();
  if (offering.capacity !== null) {
    await tx
      .updateTable('service_points_slots')
      .set({ capacity: sql`GREATEST(${offering.capacity}::integer, booked)` })
      .where('centre_id', '=', centre.id)
      .where('service_id', '=', service.id)
      .where('starts_at', '>', input.now)
      .execute();
  }
  // The entity that runs the service is, by offering it, present at the centre.
  await tx.insertInto('service_points_centre_entities').values({ centre_id: centre.id, entity_code: service.entity_code }).onConflict((oc) => oc.doNothing()).execute();
  await recordAudit(tx, {
    actor: input.actor,
    action: 'service-points.save-offering',
    resourceType: 'service_points_centre',
    resourceId: centre.id,
    before: before ? { service: offering.serviceSlug, ...before } : undefined,
    after: { service: offering.serviceSlug, slot_minutes: offering.slotMinutes, capacity: offering.capacity },
    requestId: input.requestId,
  });
  return { ok: true };
}

/**
 * Stops offering a service at a centre. Refused while people hold future turns for it (they would
 * arrive to nothing); their turns must pass or be cancelled first. The row stays (inactive) so the
 * history of turns keeps its references. Audited.
 */
export async function withdrawOffering(tx: Tx, input: { centre: Centre; serviceSlug: string; actor: Actor; now: Date; requestId?: string | null }): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const service = await tx.selectFrom('service_points_services').select('id').where('slug', '=', input.serviceSlug).executeTakeFirst();
  if (!service) return { ok: false, errors: { service: { key: 'service-points.admin.errors.service' } } };
  const pending = await tx
    .selectFrom('service_points_bookings')
    .select(sql<string>`count(*)`.as('n'))
    .where('centre_id', '=', input.centre.id)
    .where('service_id', '=', service.id)
    .where('status', '=', 'active')
    .where('starts_at', '>', input.now)
    .executeTakeFirstOrThrow();
  if (Number(pending.n) > 0) return { ok: false, errors: { service: { key: 'service-points.admin.errors.has_turns', vars: { count: Number(pending.n) } } } };
  const updated = await tx
    .updateTable('service_points_offerings')
    .set({ active: false, updated_at: input.now.toISOString(), updated_by: input.actor.userId })
    .where('centre_id', '=', input.centre.id)
    .where('service_id', '=', service.id)
    .where('active', '=', true)
    .returning('slot_minutes')
    .executeTakeFirst();
  if (!updated) return { ok: false, errors: { service: { key: 'service-points.admin.errors.service' } } };
  await recordAudit(tx, { actor: input.actor, action: 'service-points.withdraw-offering', resourceType: 'service_points_centre', resourceId: input.centre.id, before: { service: input.serviceSlug }, requestId: input.requestId });
  return { ok: true };
}
