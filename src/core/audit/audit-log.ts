import type { Tx } from '../db/database.ts';
import type { Actor } from '../permissions/permissions.ts';

export interface AuditEntry {
  /** `null` for the system itself (seeds, jobs, CLI). */
  actor: Actor | null;
  /** `<module>.<verb>` — the same verb as the manifest action, e.g. `reference.update-localidad`. */
  action: string;
  resourceType: string;
  resourceId?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

/**
 * Appends one entry to the audit log, inside the caller's transaction so the entry exists exactly
 * when the change does. The table refuses updates and deletes.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx
    .insertInto('core_audit_log')
    .values({
      actor_id: entry.actor?.userId ?? null,
      actor_label: entry.actor?.displayName ?? 'sistema',
      action: entry.action,
      resource_type: entry.resourceType,
      resource_id: entry.resourceId ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      request_id: entry.requestId ?? null,
    })
    .execute();
}
