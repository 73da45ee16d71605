import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../core/http/errors.ts';
import { sendPage, viewContext } from '../../core/http/render.tsx';
import type { Services } from '../../core/modules/module.ts';
import { authorize, canOnRequest } from '../../core/permissions/authorize.ts';
import { addDays, bogotaClock, mondayOf } from './bogota-clock.ts';
import { centreEntities, findCentreBySlug, listCentres, listLocalidadOptions, loadSchedule, upcomingExceptions, upcomingVisits, type CentreFilters } from './centres.queries.ts';
import { openStates } from './open-now.ts';
import { hoursOn } from './schedule.ts';
import { offeringsAtCentre } from './services.queries.ts';
import { ACCESSIBILITY_FEATURES, CENTRE_KINDS, type AccessibilityFeature, type CentreKind } from './service-points.schema.ts';
import { CentrePage } from './views/CentrePage.tsx';
import { CentresPage, type CentreFilterValues } from './views/CentresPage.tsx';

export const SlugParams = Type.Object({ slug: Type.String({ maxLength: 80 }) });
/** Filters arrive as text or, for repeated checkboxes, as lists; anything else is refused (400). */
export const FilterQuery = Type.Record(Type.String({ maxLength: 40 }), Type.Union([Type.String({ maxLength: 200 }), Type.Array(Type.String({ maxLength: 60 }), { maxItems: 20 })]));

const LOCALIDAD = /^(0[1-9]|1[0-9]|20)$/;
export const first = (value: unknown) => (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '');
export const localidadParam = (value: unknown) => (LOCALIDAD.test(first(value)) ? first(value) : '');

/**
 * The list's filters as the page shows them. Values that are not one of the options (an edited
 * URL) are dropped: the list then shows everything for that filter and the form says so by
 * showing "any".
 */
function readFilters(query: Record<string, unknown>): CentreFilterValues {
  const kind = first(query.tipo);
  const raw = query.accesibilidad;
  const accessibility = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter((f): f is AccessibilityFeature => (ACCESSIBILITY_FEATURES as readonly unknown[]).includes(f));
  return {
    localidad: localidadParam(query.localidad),
    kind: (CENTRE_KINDS as readonly string[]).includes(kind) ? kind : '',
    open: first(query.abierto) === '1',
    accessibility,
  };
}

/** Public pages of the network: the list with its map, and each centre. */
export function centresRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  app.get('/puntos-de-atencion', { schema: { querystring: FilterQuery } }, async (request, reply) => {
    await authorize(request, 'service-points', 'view');
    const now = new Date();
    const filters = readFilters(request.query as Record<string, unknown>);
    const query: CentreFilters = { localidad: filters.localidad || undefined, kind: (filters.kind || undefined) as CentreKind | undefined, accessibility: filters.accessibility as AccessibilityFeature[] };
    const centres = await listCentres(db, query);
    const states = await openStates(db, centres, now);
    const listed = centres.map((c) => ({ ...c, state: states.get(c.id)! })).filter((c) => !filters.open || c.state.open);
    const canManage = (await canOnRequest(request, 'service-points', 'manage-centre')).allowed;
    return sendPage(request, reply, <CentresPage ctx={viewContext(request, reply)} centres={listed} filters={filters} localidades={await listLocalidadOptions(db)} now={now} canManage={canManage} />);
  });

  app.get('/puntos-de-atencion/:slug', { schema: { params: SlugParams } }, async (request, reply) => {
    await authorize(request, 'service-points', 'view');
    const now = new Date();
    const centre = (await findCentreBySlug(db, (request.params as { slug: string }).slug)) ?? notFound();
    const today = bogotaClock(now).day;
    const monday = mondayOf(today);
    const schedule = await loadSchedule(db, centre, monday, 7);
    const week = Array.from({ length: 7 }, (_, i) => hoursOn(schedule, addDays(monday, i)));
    const [states, specialDays, visits, entities, offerings, canManage] = await Promise.all([
      openStates(db, [centre], now),
      upcomingExceptions(db, centre.id, today),
      centre.kind === 'movil' ? upcomingVisits(db, centre.id, today) : Promise.resolve([]),
      centreEntities(db, centre.id),
      offeringsAtCentre(db, centre.id),
      canOnRequest(request, 'service-points', 'manage-centre', { entityCodes: centre.entityCodes }),
    ]);
    return sendPage(
      request,
      reply,
      <CentrePage
        ctx={viewContext(request, reply)}
        centre={centre}
        state={states.get(centre.id)!}
        week={week}
        specialDays={specialDays}
        visits={visits}
        entities={entities}
        offerings={offerings}
        now={now}
        canManage={canManage.allowed}
      />,
    );
  });
}
