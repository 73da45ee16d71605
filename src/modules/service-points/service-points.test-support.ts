import { randomUUID } from 'node:crypto';
import type { Db } from '../../core/db/database.ts';
import { isHoliday } from '../../core/calendar/holidays.ts';
import { addDays, bogotaClock } from './bogota-clock.ts';
import { findCentreBySlug, type Centre } from './centres.queries.ts';
import type { BookableOffering } from './availability.ts';
import { findOffering } from './services.queries.ts';
import type { CentreKind } from './service-points.schema.ts';
import type { ServicePointsSettings } from './service-points.settings.ts';

/** Test fixtures: centres, services and offerings with known hours (not used by the app). */

export const SETTINGS: ServicePointsSettings = { booking_window_days: 14, min_notice_minutes: 30 };

export interface CentreSpec {
  kind?: CentreKind;
  /** [ISO weekday, opens, closes]; default: every day of the week 07:00–17:00. */
  hours?: [number, string, string][];
  entities?: string[];
  localidad?: string | null;
}

export async function createCentre(db: Db, spec: CentreSpec = {}): Promise<Centre> {
  const slug = `prueba-${randomUUID().slice(0, 8)}`;
  const { id } = await db
    .insertInto('service_points_centres')
    .values({ slug, kind: spec.kind ?? 'cade', name: `CADE de prueba ${slug}`, address: 'Calle de prueba 1-23', localidad_code: spec.localidad === undefined ? '09' : spec.localidad, source_url: null, updated_at: new Date().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const hours = spec.hours ?? [1, 2, 3, 4, 5, 6, 7].map((d) => [d, '07:00', '17:00'] as [number, string, string]);
  if (hours.length) await db.insertInto('service_points_hours').values(hours.map(([weekday, opens, closes]) => ({ centre_id: id, weekday, opens, closes }))).execute();
  for (const entity of spec.entities ?? ['sg']) await db.insertInto('service_points_centre_entities').values({ centre_id: id, entity_code: entity }).execute();
  return (await findCentreBySlug(db, slug))!;
}

export async function createService(db: Db, spec: { entity?: string; name?: string } = {}): Promise<{ id: string; slug: string; name: string }> {
  const slug = `tramite-${randomUUID().slice(0, 8)}`;
  const name = spec.name ?? `Trámite de prueba ${slug}`;
  const { id } = await db
    .insertInto('service_points_services')
    .values({ slug, name, summary: 'Un trámite para las pruebas.', entity_code: spec.entity ?? 'sg', requirements: ['Documento de identidad'], cost_kind: 'free', cost_cop: null, channel: 'in_person', online_url: null, source_url: null, updated_at: new Date().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, slug, name };
}

/** Offers the service at the centre with turns of `slotMinutes` for `capacity` people. */
export async function offer(db: Db, centre: Centre, service: { id: string; slug: string }, grid: { slotMinutes: number | null; capacity: number | null } = { slotMinutes: 30, capacity: 2 }): Promise<BookableOffering> {
  await db.insertInto('service_points_offerings').values({ centre_id: centre.id, service_id: service.id, slot_minutes: grid.slotMinutes, capacity: grid.capacity, updated_at: new Date().toISOString(), updated_by: null }).execute();
  return (await findOffering(db, centre.id, service.slug)) as BookableOffering;
}

/** A centre open every day 07:00–17:00 offering one new service with the given grid. */
export async function bookableSetup(db: Db, grid = { slotMinutes: 30, capacity: 2 }, spec: CentreSpec = {}) {
  const centre = await createCentre(db, spec);
  const service = await createService(db);
  const offering = await offer(db, centre, service, grid);
  return { centre, service, offering };
}

/** A keyed-hash stand-in for a person's document (tests need distinct people, not real hashes). */
export const personHash = (n: number | string) => `persona-de-prueba-${n}`;

/** The first day from `today + from` that is not a national holiday (for tests against the real clock). */
export function workingDayAhead(from = 2, now = new Date()): string {
  let day = addDays(bogotaClock(now).day, from);
  while (isHoliday(day)) day = addDays(day, 1);
  return day;
}

/** A Bogotá wall-clock instant: `at('2027-03-19', '09:00')`. */
export const at = (day: string, time: string) => new Date(`${day}T${time}:00-05:00`);
