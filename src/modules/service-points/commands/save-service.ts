import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import { isUniqueViolation } from '../../../core/db/pg-errors.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { indexDocument } from '../../../core/search/search.ts';
import { serviceDocument } from '../search-index.ts';
import type { ServiceInput } from '../service-form.ts';
import { findServiceBySlug, type Service } from '../services.queries.ts';

/** Another entry took the slug or the name between the check and the write. */
export class ServiceTakenError extends Error {}

const columnsOf = (input: ServiceInput) => ({
  slug: input.slug,
  name: input.name,
  summary: input.summary,
  entity_code: input.entityCode,
  requirements: input.requirements,
  cost_kind: input.costKind,
  cost_cop: input.costCop,
  cost_note: input.costNote,
  channel: input.channel,
  online_url: input.onlineUrl,
  source_url: input.sourceUrl,
});

/**
 * Creates or updates a catalogue entry and refreshes its search document, in one transaction.
 * Audited with the entry before and after.
 */
export async function saveService(tx: Tx, input: { service: ServiceInput; before: Service | null; actor: Actor; now: Date; requestId?: string | null }): Promise<{ ok: true; slug: string } | { ok: false; errors: FieldErrors }> {
  const { service, before } = input;
  const entity = await tx.selectFrom('core_entities').select('code').where('code', '=', service.entityCode).executeTakeFirst();
  if (!entity) return { ok: false, errors: { entity: { key: 'service-points.admin.errors.entity' } } };
  const clash = await tx
    .selectFrom('service_points_services')
    .select(['id', 'slug', 'name'])
    .where((eb) => eb.or([eb('slug', '=', service.slug), eb('name', '=', service.name)]))
    .execute();
  const other = clash.filter((c) => c.id !== before?.id);
  if (other.some((c) => c.slug === service.slug)) return { ok: false, errors: { slug: { key: 'service-points.admin.errors.slug_taken' } } };
  if (other.some((c) => c.name === service.name)) return { ok: false, errors: { name: { key: 'service-points.admin.errors.name_taken' } } };
  let id: string;
  try {
    id = before
      ? (await tx.updateTable('service_points_services').set({ ...columnsOf(service), updated_at: input.now.toISOString() }).where('id', '=', before.id).returning('id').executeTakeFirstOrThrow()).id
      : (await tx.insertInto('service_points_services').values({ ...columnsOf(service), updated_at: input.now.toISOString() }).returning('id').executeTakeFirstOrThrow()).id;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ServiceTakenError();
    throw error;
  }
  const saved = (await findServiceBySlug(tx, service.slug))!;
  await indexDocument(tx, serviceDocument(saved));
  await recordAudit(tx, {
    actor: input.actor,
    action: before ? 'service-points.update-service' : 'service-points.create-service',
    resourceType: 'service_points_service',
    resourceId: id,
    before: before ?? undefined,
    after: columnsOf(service),
    requestId: input.requestId,
  });
  return { ok: true, slug: saved.slug };
}
