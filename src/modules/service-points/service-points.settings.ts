import type { Executor } from '../../core/db/database.ts';
import { readModuleSettings, type BoundedSetting } from '../admin/admin.settings.ts';

/** Settings of the service-points module (changed by platform admins in /admin/ajustes). */
export const SERVICE_POINTS_SETTINGS = {
  booking_window_days: { type: 'integer', default: 14, min: 1, max: 90, descriptionKey: 'service-points.settings.booking_window_days' },
  min_notice_minutes: { type: 'integer', default: 30, min: 0, max: 2880, descriptionKey: 'service-points.settings.min_notice_minutes' },
} satisfies Record<string, BoundedSetting>;

export interface ServicePointsSettings {
  /** How many days ahead turns can be booked (today included). */
  booking_window_days: number;
  /** Turns starting sooner than this cannot be booked or moved to. */
  min_notice_minutes: number;
}

/** The current settings: what an admin stored (if still valid), else the defaults. */
export function readServicePointsSettings(db: Executor): Promise<ServicePointsSettings> {
  return readModuleSettings<ServicePointsSettings>(db, 'service-points', SERVICE_POINTS_SETTINGS);
}
