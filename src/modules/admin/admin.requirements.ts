import type { Executor } from '../../core/db/database.ts';
import type { FieldErrors } from '../../core/http/errors.ts';
import type { ModuleRegistry } from '../../core/modules/registry.ts';
import { VERIFICATION_LEVELS, type ActionRequirement } from '../../core/permissions/permissions.ts';

/** The levels an admin may require, weakest first. */
export const REQUIREMENT_LEVELS = ['anyone', ...VERIFICATION_LEVELS] as const;
export type RequirementLevel = (typeof REQUIREMENT_LEVELS)[number];

export const MAX_REQUIRED_AGE = 120;

/** One module action with its default (manifest) and current (admin override or default) requirement. */
export interface RequirementEntry {
  module: string;
  action: string;
  /** `<module>.<action>`: the key of app.gab.requirements and of the audit entries. */
  id: string;
  defaultRequirement: ActionRequirement;
  current: ActionRequirement;
  overridden: boolean;
}

export const sameRequirement = (a: ActionRequirement, b: ActionRequirement) => a.minLevel === b.minLevel && a.minAge === b.minAge;

/** Form field names of one action's level and age. */
export const levelField = (id: string) => `level.${id}`;
export const ageField = (id: string) => `age.${id}`;

/** Every action of every module, with what it requires now. Reads the table, not the per-process cache. */
export async function loadRequirementEntries(db: Executor, registry: ModuleRegistry): Promise<RequirementEntry[]> {
  const rows = await db.selectFrom('core_action_requirements').select(['module', 'action', 'min_level', 'min_age']).execute();
  const overrides = new Map(rows.map((r) => [`${r.module}.${r.action}`, { minLevel: r.min_level, minAge: r.min_age } satisfies ActionRequirement]));
  return registry.modules.flatMap((module) =>
    module.actions.map((action) => {
      const id = `${module.name}.${action}`;
      const defaultRequirement = registry.defaultRequirement(module.name, action);
      const override = overrides.get(id);
      return { module: module.name, action, id, defaultRequirement, current: override ?? defaultRequirement, overridden: Boolean(override) };
    }),
  );
}

/**
 * Reads the requirements form. An action whose fields are absent (added to a manifest after the
 * page was rendered) keeps its requirement. Returns the requested requirements or field errors.
 */
export function parseRequirementsForm(
  entries: RequirementEntry[],
  body: Record<string, unknown>,
): { ok: true; requested: Map<string, ActionRequirement> } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const requested = new Map<string, ActionRequirement>();
  for (const entry of entries) {
    const level = body[levelField(entry.id)];
    const age = body[ageField(entry.id)];
    if (level === undefined && age === undefined) continue;
    let minLevel = entry.current.minLevel;
    let minAge = entry.current.minAge;
    if (level !== undefined) {
      if (typeof level === 'string' && (REQUIREMENT_LEVELS as readonly string[]).includes(level)) minLevel = level as RequirementLevel;
      else errors[levelField(entry.id)] = { key: 'admin.requirements.errors.level' };
    }
    if (age !== undefined) {
      const text = typeof age === 'string' ? age.trim() : null;
      if (text === '') minAge = null;
      else if (text !== null && /^\d{1,3}$/.test(text) && Number(text) <= MAX_REQUIRED_AGE) minAge = Number(text);
      else errors[ageField(entry.id)] = { key: 'admin.requirements.errors.age', vars: { max: MAX_REQUIRED_AGE } };
    }
    requested.set(entry.id, { minLevel, minAge });
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, requested };
}
