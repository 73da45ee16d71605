import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { ActionRequirement, Actor } from '../../../core/permissions/permissions.ts';
import { sameRequirement, type RequirementEntry } from '../admin.requirements.ts';
import type { SettingEntry, SettingValue } from '../admin.settings.ts';

/**
 * Stores the module settings that changed, one audit entry each, in the caller's transaction.
 * Returns how many changed.
 */
export async function saveModuleSettings(
  tx: Tx,
  input: { actor: Actor; entries: SettingEntry[]; current: Map<string, SettingValue>; requested: Map<string, SettingValue>; requestId?: string },
): Promise<number> {
  let changed = 0;
  for (const entry of input.entries) {
    const before = input.current.get(entry.storageKey);
    const after = input.requested.get(entry.storageKey);
    if (after === undefined || after === before) continue;
    await tx
      .insertInto('core_settings')
      .values({ key: entry.storageKey, value: JSON.stringify(after) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(after), updated_at: new Date().toISOString() }))
      .execute();
    await recordAudit(tx, { actor: input.actor, action: 'admin.update-setting', resourceType: 'setting', resourceId: entry.storageKey, before: { value: before }, after: { value: after }, requestId: input.requestId });
    changed++;
  }
  return changed;
}

/**
 * Stores the action requirements that changed. A requirement equal to the manifest's default is
 * stored as no row at all, so a later release's better default applies; anything else is an
 * override row. One audit entry per changed action. Returns how many changed.
 */
export async function saveActionRequirements(
  tx: Tx,
  input: { actor: Actor; entries: RequirementEntry[]; requested: Map<string, ActionRequirement>; requestId?: string },
): Promise<number> {
  let changed = 0;
  for (const entry of input.entries) {
    const after = input.requested.get(entry.id);
    if (!after || sameRequirement(after, entry.current)) continue;
    if (sameRequirement(after, entry.defaultRequirement)) {
      await tx.deleteFrom('core_action_requirements').where('module', '=', entry.module).where('action', '=', entry.action).execute();
    } else {
      const values = { min_level: after.minLevel, min_age: after.minAge, updated_at: new Date().toISOString(), updated_by: input.actor.userId };
      await tx
        .insertInto('core_action_requirements')
        .values({ module: entry.module, action: entry.action, ...values })
        .onConflict((oc) => oc.columns(['module', 'action']).doUpdateSet(values))
        .execute();
    }
    await recordAudit(tx, {
      actor: input.actor,
      action: 'admin.update-requirement',
      resourceType: 'action_requirement',
      resourceId: entry.id,
      before: { ...entry.current, default: sameRequirement(entry.current, entry.defaultRequirement) },
      after: { ...after, default: sameRequirement(after, entry.defaultRequirement) },
      requestId: input.requestId,
    });
    changed++;
  }
  return changed;
}
