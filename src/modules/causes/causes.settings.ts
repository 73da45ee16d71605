import type { Executor } from '../../core/db/database.ts';
import { readModuleSettings, type BoundedSetting } from '../admin/admin.settings.ts';

/**
 * Settings of the causes module (changed by platform admins in /admin/ajustes). Each cause copies
 * the threshold, the support period and the answer term when it is published.
 */
export const CAUSES_SETTINGS = {
  support_threshold: { type: 'integer', default: 500, min: 1, max: 10_000_000, descriptionKey: 'causes.settings.support_threshold' },
  support_days: { type: 'integer', default: 90, min: 1, max: 730, descriptionKey: 'causes.settings.support_days' },
  answer_term_business_days: { type: 'integer', default: 15, min: 1, max: 365, descriptionKey: 'causes.settings.answer_term_business_days' },
  default_answer_entity: { type: 'string', default: 'idpac', maxLength: 60, descriptionKey: 'causes.settings.default_answer_entity' },
} satisfies Record<string, BoundedSetting>;

export interface CausesSettings {
  support_threshold: number;
  support_days: number;
  answer_term_business_days: number;
  default_answer_entity: string;
}

/** The current settings: what an admin stored (if still valid), else the defaults. */
export function readCausesSettings(db: Executor): Promise<CausesSettings> {
  return readModuleSettings<CausesSettings>(db, 'causes', CAUSES_SETTINGS);
}
