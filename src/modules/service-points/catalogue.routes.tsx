import type { FastifyInstance } from 'fastify';
import { notFound } from '../../core/http/errors.ts';
import { sendPage, viewContext } from '../../core/http/render.tsx';
import type { Services } from '../../core/modules/module.ts';
import { authorize, canOnRequest } from '../../core/permissions/authorize.ts';
import { FilterQuery, first, localidadParam, SlugParams } from './centres.routes.tsx';
import { listCentres, listLocalidadOptions } from './centres.queries.ts';
import { openStates } from './open-now.ts';
import { catalogueEntities, findServiceBySlug, listServices, offeringsOfService } from './services.queries.ts';
import { CHANNELS, type Channel } from './service-points.schema.ts';
import { ServicePage } from './views/ServicePage.tsx';
import { ServicesPage, type ServiceFilterValues } from './views/ServicesPage.tsx';

const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** Public pages of the Guía de trámites y servicios. */
export function catalogueRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  app.get('/tramites', { schema: { querystring: FilterQuery } }, async (request, reply) => {
    await authorize(request, 'service-points', 'view');
    const query = request.query as Record<string, unknown>;
    const [entities, centres, localidades] = await Promise.all([catalogueEntities(db), listCentres(db), listLocalidadOptions(db)]);
    // Only values the form offers are applied; anything else (an edited URL) is ignored.
    const entity = first(query.entidad);
    const channel = first(query.canal);
    const centre = first(query.punto);
    const filters: ServiceFilterValues = {
      q: first(query.q).trim().slice(0, 200),
      entity: entities.some((e) => e.code === entity) ? entity : '',
      channel: (CHANNELS as readonly string[]).includes(channel) ? channel : '',
      centre: SLUG.test(centre) && centres.some((c) => c.slug === centre) ? centre : '',
      localidad: localidadParam(query.localidad),
    };
    const list = await listServices(db, {
      q: filters.q || undefined,
      entity: filters.entity || undefined,
      channel: (filters.channel || undefined) as Channel | undefined,
      centre: filters.centre || undefined,
      localidad: filters.localidad || undefined,
    });
    const canManage = (await canOnRequest(request, 'service-points', 'manage-catalogue')).allowed;
    return sendPage(request, reply, <ServicesPage ctx={viewContext(request, reply)} services={list} filters={filters} entities={entities} centres={centres} localidades={localidades} canManage={canManage} />);
  });

  app.get('/tramites/:slug', { schema: { params: SlugParams } }, async (request, reply) => {
    await authorize(request, 'service-points', 'view');
    const now = new Date();
    const service = (await findServiceBySlug(db, (request.params as { slug: string }).slug)) ?? notFound();
    const offerings = await offeringsOfService(db, service.id);
    const states = await openStates(
      db,
      offerings.map((o) => ({ id: o.centreId, kind: o.centreKind })),
      now,
    );
    const canManage = (await canOnRequest(request, 'service-points', 'manage-catalogue', { entityCode: service.entityCode })).allowed;
    return sendPage(request, reply, <ServicePage ctx={viewContext(request, reply)} service={service} offerings={offerings.map((o) => ({ ...o, state: states.get(o.centreId)! }))} now={now} canManage={canManage} />);
  });
}
