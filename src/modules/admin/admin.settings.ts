import type { Executor } from '../../core/db/database.ts';
import type { FieldErrors } from '../../core/http/errors.ts';
import type { AnyModule, SettingDefinition } from '../../core/modules/module.ts';

/**
 * Module settings: every manifest declares typed `settings`; admins change them in
 * `/admin/ajustes`; each value is stored as JSON in core_settings under `module.<name>.<key>`.
 * `BoundedSetting` is the name module settings files use; the bounds live on `SettingDefinition`.
 */
export type BoundedSetting = SettingDefinition;

export type SettingValue = number | boolean | string;

/** One setting of one module, with everything the form needs. */
export interface SettingEntry {
  module: string;
  key: string;
  /** `module.<module>.<key>`: the core_settings key and the form field name. */
  storageKey: string;
  definition: BoundedSetting;
}

const DEFAULT_MAX_LENGTH = 500;
const INTEGER_LIMIT = 1_000_000_000;

export const settingStorageKey = (module: string, key: string) => `module.${module}.${key}`;

/** Every setting of every module, in module order then declaration order. */
export function allSettings(modules: readonly AnyModule[]): SettingEntry[] {
  return modules.flatMap((module) =>
    Object.entries(module.settings ?? {}).map(([key, definition]) => ({ module: module.name, key, storageKey: settingStorageKey(module.name, key), definition: definition as BoundedSetting })),
  );
}

/**
 * A module's current settings: what an admin stored (if still valid for its definition), else the
 * defaults. One query for all of them.
 */
export async function readModuleSettings<T>(db: Executor, module: string, definitions: Record<string, SettingDefinition>): Promise<T> {
  const entries = Object.entries(definitions);
  const rows = await db
    .selectFrom('core_settings')
    .select(['key', 'value'])
    .where(
      'key',
      'in',
      entries.map(([key]) => settingStorageKey(module, key)),
    )
    .execute();
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const result: Record<string, unknown> = {};
  for (const [key, definition] of entries) {
    const value = stored.get(settingStorageKey(module, key));
    result[key] = isValidValue(definition, value) ? value : definition.default;
  }
  return result as T;
}

/** Is a stored JSON value usable for this definition (right type, within bounds)? */
export function isValidValue(definition: BoundedSetting, value: unknown): value is SettingValue {
  switch (definition.type) {
    case 'integer':
      return (
        typeof value === 'number' &&
        Number.isInteger(value) &&
        Math.abs(value) <= INTEGER_LIMIT &&
        (definition.min === undefined || value >= definition.min) &&
        (definition.max === undefined || value <= definition.max)
      );
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string' && value.length <= (definition.maxLength ?? DEFAULT_MAX_LENGTH);
  }
}

/**
 * Parses what a form sent for one setting. Returns the typed value, or the i18n key (and
 * variables) of what is wrong with it.
 */
export function parseSettingInput(definition: BoundedSetting, raw: unknown): { value: SettingValue } | { error: FieldErrors[string] } {
  if (typeof raw !== 'string') return { error: { key: 'admin.settings.errors.missing' } };
  switch (definition.type) {
    case 'integer': {
      const text = raw.trim();
      if (!/^-?\d{1,10}$/.test(text)) return { error: { key: 'admin.settings.errors.integer' } };
      const value = Number(text);
      const min = definition.min ?? -INTEGER_LIMIT;
      const max = definition.max ?? INTEGER_LIMIT;
      if (value < min || value > max) return { error: { key: 'admin.settings.errors.range', vars: { min, max } } };
      return { value };
    }
    case 'boolean':
      if (raw === 'true') return { value: true };
      if (raw === 'false') return { value: false };
      return { error: { key: 'admin.settings.errors.boolean' } };
    case 'string': {
      const value = raw.trim();
      const maxLength = definition.maxLength ?? DEFAULT_MAX_LENGTH;
      if (value.length > maxLength) return { error: { key: 'admin.settings.errors.too_long', vars: { limit: maxLength } } };
      return { value };
    }
  }
}

/** The current value of every setting: what an admin stored, else the manifest's default. */
export async function loadSettingValues(db: Executor, entries: SettingEntry[]): Promise<Map<string, SettingValue>> {
  const keys = entries.map((e) => e.storageKey);
  const rows = keys.length ? await db.selectFrom('core_settings').select(['key', 'value']).where('key', 'in', keys).execute() : [];
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  return new Map(
    entries.map((e) => {
      const value = stored.get(e.storageKey);
      return [e.storageKey, isValidValue(e.definition, value) ? value : e.definition.default];
    }),
  );
}

/** One module setting's current value (a stored value that no longer fits the definition counts as unset). */
export async function readModuleSetting<T extends SettingValue>(db: Executor, module: AnyModule, key: string): Promise<T> {
  const definition = module.settings?.[key] as BoundedSetting | undefined;
  if (!definition) throw new Error(`Module ${module.name} has no setting "${key}"`);
  const row = await db.selectFrom('core_settings').select('value').where('key', '=', settingStorageKey(module.name, key)).executeTakeFirst();
  return (row && isValidValue(definition, row.value) ? row.value : definition.default) as T;
}
