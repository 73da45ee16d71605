import { sql } from 'kysely';
import type { Executor } from '../../core/db/database.ts';
import { addDays, parseTime } from './bogota-clock.ts';
import type { CentreSchedule, Interval, ScheduleException, ScheduleVisit } from './schedule.ts';
import type { AccessibilityFeature, CentreKind } from './service-points.schema.ts';

export interface Centre {
  id: string;
  slug: string;
  kind: CentreKind;
  name: string;
  address: string | null;
  localidadCode: string | null;
  localidadName: string | null;
  latitude: number | null;
  longitude: number | null;
  description: string;
  accessibility: AccessibilityFeature[];
  sourceUrl: string | null;
  entityCodes: string[];
}

export interface CentreFilters {
  localidad?: string;
  kind?: CentreKind;
  /** Every listed feature must be present. */
  accessibility?: AccessibilityFeature[];
}

export const centrePath = (slug: string) => `/puntos-de-atencion/${slug}`;

const minutes = (value: string) => parseTime(value) ?? 0;
const numberOrNull = (value: string | null) => (value === null ? null : Number(value));

function baseQuery(db: Executor) {
  return db
    .selectFrom('service_points_centres as c')
    .leftJoin('core_localidades as l', 'l.code', 'c.localidad_code')
    .select([
      'c.id',
      'c.slug',
      'c.kind',
      'c.name',
      'c.address',
      'c.localidad_code',
      'l.name as localidad_name',
      'c.latitude',
      'c.longitude',
      'c.description',
      'c.accessibility',
      'c.source_url',
      sql<string[]>`coalesce((SELECT array_agg(e.entity_code ORDER BY e.entity_code) FROM service_points_centre_entities e WHERE e.centre_id = c.id), '{}')`.as('entity_codes'),
    ]);
}

type CentreRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

const toCentre = (r: CentreRow): Centre => ({
  id: r.id,
  slug: r.slug,
  kind: r.kind,
  name: r.name,
  address: r.address,
  localidadCode: r.localidad_code,
  localidadName: r.localidad_name,
  latitude: numberOrNull(r.latitude),
  longitude: numberOrNull(r.longitude),
  description: r.description,
  accessibility: r.accessibility,
  sourceUrl: r.source_url,
  entityCodes: r.entity_codes,
});

// SuperCADE first (they serve most people), then CADE, RapiCADE and the móvil; by name within.
const KIND_ORDER = sql<number>`array_position(ARRAY['supercade', 'cade', 'rapicade', 'movil']::text[], c.kind)`;

/** The centres matching the filters, in a stable order. */
export async function listCentres(db: Executor, filters: CentreFilters = {}): Promise<Centre[]> {
  let query = baseQuery(db);
  if (filters.localidad) {
    const code = filters.localidad;
    // The móvil counts as being in a localidad on the days it visits it.
    query = query.where((eb) =>
      eb.or([eb('c.localidad_code', '=', code), eb.exists(eb.selectFrom('service_points_visits as v').select('v.day').whereRef('v.centre_id', '=', 'c.id').where('v.localidad_code', '=', code))]),
    );
  }
  if (filters.kind) query = query.where('c.kind', '=', filters.kind);
  if (filters.accessibility?.length) query = query.where(sql<boolean>`c.accessibility @> ${sql.val(filters.accessibility)}::text[]`);
  const rows = await query.orderBy(KIND_ORDER).orderBy('c.name').execute();
  return rows.map(toCentre);
}

export async function findCentreBySlug(db: Executor, slug: string): Promise<Centre | null> {
  const row = await baseQuery(db).where('c.slug', '=', slug).executeTakeFirst();
  return row ? toCentre(row) : null;
}

export async function findCentreById(db: Executor, id: string): Promise<Centre | null> {
  const row = await baseQuery(db).where('c.id', '=', id).executeTakeFirst();
  return row ? toCentre(row) : null;
}

/** Weekly hours as stored, for one centre (ISO weekday → interval). */
export async function weeklyHours(db: Executor, centreId: string): Promise<Map<number, Interval>> {
  const rows = await db.selectFrom('service_points_hours').select(['weekday', 'opens', 'closes']).where('centre_id', '=', centreId).execute();
  return new Map(rows.map((r) => [r.weekday, { opens: minutes(r.opens), closes: minutes(r.closes) }]));
}

/**
 * The schedules of several centres between two days (inclusive): weekly hours plus the exceptions
 * and visits dated within the range. One query per table, whatever the number of centres.
 */
export async function loadSchedules(db: Executor, centres: readonly Pick<Centre, 'id' | 'kind'>[], fromDay: string, toDay: string): Promise<Map<string, CentreSchedule>> {
  const schedules = new Map<string, { weekly: Map<number, Interval>; exceptions: Map<string, ScheduleException>; visits: Map<string, ScheduleVisit> | null }>();
  if (centres.length === 0) return schedules;
  for (const c of centres) schedules.set(c.id, { weekly: new Map(), exceptions: new Map(), visits: c.kind === 'movil' ? new Map() : null });
  const ids = centres.map((c) => c.id);
  const [hours, exceptions, visits] = await Promise.all([
    db.selectFrom('service_points_hours').select(['centre_id', 'weekday', 'opens', 'closes']).where('centre_id', 'in', ids).execute(),
    db.selectFrom('service_points_exceptions').select(['centre_id', 'day', 'closed', 'opens', 'closes', 'reason']).where('centre_id', 'in', ids).where('day', '>=', fromDay).where('day', '<=', toDay).execute(),
    db.selectFrom('service_points_visits').select(['centre_id', 'day', 'opens', 'closes', 'place', 'localidad_code']).where('centre_id', 'in', ids).where('day', '>=', fromDay).where('day', '<=', toDay).execute(),
  ]);
  for (const h of hours) schedules.get(h.centre_id)?.weekly.set(h.weekday, { opens: minutes(h.opens), closes: minutes(h.closes) });
  for (const e of exceptions) {
    schedules.get(e.centre_id)?.exceptions.set(e.day, { day: e.day, closed: e.closed, opens: e.opens === null ? null : minutes(e.opens), closes: e.closes === null ? null : minutes(e.closes), reason: e.reason });
  }
  for (const v of visits) schedules.get(v.centre_id)?.visits?.set(v.day, { day: v.day, opens: minutes(v.opens), closes: minutes(v.closes), place: v.place, localidadCode: v.localidad_code });
  return schedules;
}

/** One centre's schedule from `fromDay` for `days` days. */
export async function loadSchedule(db: Executor, centre: Pick<Centre, 'id' | 'kind'>, fromDay: string, days: number): Promise<CentreSchedule> {
  const schedules = await loadSchedules(db, [centre], fromDay, addDays(fromDay, days));
  return schedules.get(centre.id)!;
}

export interface PresentEntity {
  code: string;
  acronym: string;
  name: string;
}

export async function centreEntities(db: Executor, centreId: string): Promise<PresentEntity[]> {
  return db
    .selectFrom('service_points_centre_entities as ce')
    .innerJoin('core_entities as e', 'e.code', 'ce.entity_code')
    .select(['e.code', 'e.acronym', 'e.name'])
    .where('ce.centre_id', '=', centreId)
    .orderBy('e.name')
    .execute();
}

/** Upcoming dated exceptions (closures and special hours) of a centre, from `fromDay` on. */
export async function upcomingExceptions(db: Executor, centreId: string, fromDay: string, limit = 20) {
  return db
    .selectFrom('service_points_exceptions')
    .select(['day', 'closed', 'opens', 'closes', 'reason'])
    .where('centre_id', '=', centreId)
    .where('day', '>=', fromDay)
    .orderBy('day')
    .limit(limit)
    .execute();
}

/** Upcoming visits of the SuperCADE Móvil, from `fromDay` on. */
export async function upcomingVisits(db: Executor, centreId: string, fromDay: string, limit = 30) {
  return db
    .selectFrom('service_points_visits as v')
    .innerJoin('core_localidades as l', 'l.code', 'v.localidad_code')
    .select(['v.day', 'v.opens', 'v.closes', 'v.place', 'v.localidad_code', 'l.name as localidad_name'])
    .where('v.centre_id', '=', centreId)
    .where('v.day', '>=', fromDay)
    .orderBy('v.day')
    .limit(limit)
    .execute();
}

export async function listLocalidadOptions(db: Executor) {
  return db.selectFrom('core_localidades').select(['code', 'name']).orderBy('code').execute();
}
