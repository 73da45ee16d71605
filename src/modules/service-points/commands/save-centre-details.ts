import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import type { DetailsInput } from '../centre-forms.ts';
import type { Centre } from '../centres.queries.ts';

/** Accessibility features and coordinates of a centre, as its officials report them. Audited. */
export async function saveCentreDetails(tx: Tx, input: { centre: Centre; details: DetailsInput; actor: Actor; now: Date; requestId?: string | null }): Promise<void> {
  const { centre, details } = input;
  await tx
    .updateTable('service_points_centres')
    .set({ accessibility: details.accessibility, latitude: details.latitude, longitude: details.longitude, updated_at: input.now.toISOString() })
    .where('id', '=', centre.id)
    .execute();
  await recordAudit(tx, {
    actor: input.actor,
    action: 'service-points.update-centre',
    resourceType: 'service_points_centre',
    resourceId: centre.id,
    before: { accessibility: centre.accessibility, latitude: centre.latitude, longitude: centre.longitude },
    after: details,
    requestId: input.requestId,
  });
}
