import { sql } from 'kysely';
import type { Executor } from '../../core/db/database.ts';
import { searchDocuments } from '../../core/search/search.ts';
import type { CentreKind, Channel, CostKind } from './service-points.schema.ts';

export interface Service {
  id: string;
  slug: string;
  name: string;
  summary: string;
  entityCode: string;
  entityAcronym: string;
  entityName: string;
  requirements: string[];
  costKind: CostKind;
  costCop: string | null;
  costNote: string;
  channel: Channel;
  onlineUrl: string | null;
  sourceUrl: string | null;
}

export interface ServiceFilters {
  q?: string;
  entity?: string;
  channel?: Channel;
  /** Offered at this centre (slug). */
  centre?: string;
  /** Offered at a centre of this localidad. */
  localidad?: string;
}

export const servicePath = (slug: string) => `/tramites/${slug}`;
export const SEARCH_MODULE = 'service-points';
export const serviceSearchRef = (id: string) => `service:${id}`;
export const centreSearchRef = (id: string) => `centre:${id}`;

function baseQuery(db: Executor) {
  return db
    .selectFrom('service_points_services as s')
    .innerJoin('core_entities as e', 'e.code', 's.entity_code')
    .select([
      's.id',
      's.slug',
      's.name',
      's.summary',
      's.entity_code',
      'e.acronym as entity_acronym',
      'e.name as entity_name',
      's.requirements',
      's.cost_kind',
      's.cost_cop',
      's.cost_note',
      's.channel',
      's.online_url',
      's.source_url',
    ]);
}

type ServiceRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

const toService = (r: ServiceRow): Service => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  summary: r.summary,
  entityCode: r.entity_code,
  entityAcronym: r.entity_acronym,
  entityName: r.entity_name,
  requirements: r.requirements,
  costKind: r.cost_kind,
  costCop: r.cost_cop,
  costNote: r.cost_note,
  channel: r.channel,
  onlineUrl: r.online_url,
  sourceUrl: r.source_url,
});

/**
 * The catalogue, filtered. A text query goes through the platform's Spanish full-text search
 * (accents and plurals ignored) and orders by relevance; the other filters narrow the result.
 */
export async function listServices(db: Executor, filters: ServiceFilters = {}): Promise<Service[]> {
  let query = baseQuery(db);
  let rankOf: Map<string, number> | null = null;
  if (filters.q?.trim()) {
    const { hits } = await searchDocuments(db, filters.q, { module: SEARCH_MODULE, limit: 100 });
    const ids = hits.filter((h) => h.ref.startsWith('service:')).map((h) => h.ref.slice('service:'.length));
    if (ids.length === 0) return [];
    rankOf = new Map(ids.map((id, index) => [id, index]));
    query = query.where('s.id', 'in', ids);
  }
  if (filters.entity) query = query.where('s.entity_code', '=', filters.entity);
  if (filters.channel) {
    // "Presencial" finds services offered in person, including those also online; same for online.
    const channels: Channel[] = filters.channel === 'both' ? ['both'] : [filters.channel, 'both'];
    query = query.where('s.channel', 'in', channels);
  }
  if (filters.centre || filters.localidad) {
    query = query.where((eb) => {
      let offered = eb
        .selectFrom('service_points_offerings as o')
        .innerJoin('service_points_centres as c', 'c.id', 'o.centre_id')
        .select('o.service_id')
        .whereRef('o.service_id', '=', 's.id')
        .where('o.active', '=', true);
      if (filters.centre) offered = offered.where('c.slug', '=', filters.centre);
      if (filters.localidad) offered = offered.where('c.localidad_code', '=', filters.localidad);
      return eb.exists(offered);
    });
  }
  const rows = (await query.orderBy('s.name').execute()).map(toService);
  if (rankOf) rows.sort((a, b) => rankOf.get(a.id)! - rankOf.get(b.id)!);
  return rows;
}

export async function findServiceBySlug(db: Executor, slug: string): Promise<Service | null> {
  const row = await baseQuery(db).where('s.slug', '=', slug).executeTakeFirst();
  return row ? toService(row) : null;
}

export interface Offering {
  centreId: string;
  centreSlug: string;
  centreName: string;
  centreKind: CentreKind;
  localidadName: string | null;
  serviceId: string;
  serviceSlug: string;
  serviceName: string;
  entityCode: string;
  slotMinutes: number | null;
  capacity: number | null;
}

function offeringsQuery(db: Executor) {
  return db
    .selectFrom('service_points_offerings as o')
    .innerJoin('service_points_centres as c', 'c.id', 'o.centre_id')
    .innerJoin('service_points_services as s', 's.id', 'o.service_id')
    .leftJoin('core_localidades as l', 'l.code', 'c.localidad_code')
    .select([
      'c.id as centre_id',
      'c.slug as centre_slug',
      'c.name as centre_name',
      'c.kind as centre_kind',
      'l.name as localidad_name',
      's.id as service_id',
      's.slug as service_slug',
      's.name as service_name',
      's.entity_code',
      'o.slot_minutes',
      'o.capacity',
    ])
    .where('o.active', '=', true);
}

type OfferingRow = Awaited<ReturnType<ReturnType<typeof offeringsQuery>['executeTakeFirstOrThrow']>>;
const toOffering = (r: OfferingRow): Offering => ({
  centreId: r.centre_id,
  centreSlug: r.centre_slug,
  centreName: r.centre_name,
  centreKind: r.centre_kind,
  localidadName: r.localidad_name,
  serviceId: r.service_id,
  serviceSlug: r.service_slug,
  serviceName: r.service_name,
  entityCode: r.entity_code,
  slotMinutes: r.slot_minutes,
  capacity: r.capacity,
});

/** Services offered at a centre (active offerings), by name. */
export async function offeringsAtCentre(db: Executor, centreId: string): Promise<Offering[]> {
  return (await offeringsQuery(db).where('o.centre_id', '=', centreId).orderBy('s.name').execute()).map(toOffering);
}

/** Centres offering a service (active offerings), by name. */
export async function offeringsOfService(db: Executor, serviceId: string): Promise<Offering[]> {
  return (await offeringsQuery(db).where('o.service_id', '=', serviceId).orderBy('c.name').execute()).map(toOffering);
}

export async function findOffering(db: Executor, centreId: string, serviceSlug: string): Promise<Offering | null> {
  const row = await offeringsQuery(db).where('o.centre_id', '=', centreId).where('s.slug', '=', serviceSlug).executeTakeFirst();
  return row ? toOffering(row) : null;
}

/** Entities that own at least one catalogue entry, for the filter. */
export async function catalogueEntities(db: Executor) {
  return db
    .selectFrom('core_entities as e')
    .select(['e.code', 'e.acronym', 'e.name'])
    .where((eb) => eb.exists(eb.selectFrom('service_points_services as s').select('s.id').whereRef('s.entity_code', '=', 'e.code')))
    .orderBy('e.name')
    .execute();
}

export async function countCatalogue(db: Executor) {
  const row = await db
    .selectFrom('service_points_services')
    .select([sql<string>`count(*)`.as('services'), sql<string>`(SELECT count(*) FROM service_points_centres)`.as('centres')])
    .executeTakeFirstOrThrow();
  return { services: Number(row.services), centres: Number(row.centres) };
}
