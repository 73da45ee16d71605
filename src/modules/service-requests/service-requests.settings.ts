import type { Executor } from '../../core/db/database.ts';
import type { SettingDefinition } from '../../core/modules/module.ts';

/** Settings an admin may change in /admin/ajustes (stored as `module.service-requests.<key>`). */
export const SERVICE_REQUESTS_SETTINGS = {
  filing_per_hour: { type: 'integer', default: 20, min: 1, max: 1_000_000, descriptionKey: 'service-requests.settings.filing_per_hour' },
  follow_per_hour: { type: 'integer', default: 30, min: 1, max: 1_000_000, descriptionKey: 'service-requests.settings.follow_per_hour' },
  due_soon_days: { type: 'integer', default: 3, min: 1, max: 30, descriptionKey: 'service-requests.settings.due_soon_days' },
} as const satisfies Record<string, SettingDefinition & { min: number; max: number }>;

export type ServiceRequestsSetting = keyof typeof SERVICE_REQUESTS_SETTINGS;

/** The current value of a setting: what an admin stored (if valid), else the default. */
export async function readSetting(db: Executor, key: ServiceRequestsSetting): Promise<number> {
  const definition = SERVICE_REQUESTS_SETTINGS[key];
  const row = await db.selectFrom('core_settings').select('value').where('key', '=', `module.service-requests.${key}`).executeTakeFirst();
  const value = row?.value;
  return typeof value === 'number' && Number.isInteger(value) && value >= definition.min && value <= definition.max ? value : definition.default;
}
