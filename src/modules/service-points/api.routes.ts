import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { DataEnvelope, ERROR_RESPONSES } from '../../core/http/api-schemas.ts';
import { HttpError, notFound } from '../../core/http/errors.ts';
import type { Services } from '../../core/modules/module.ts';
import { authorize } from '../../core/permissions/authorize.ts';
import { availability, givesTurns } from './availability.ts';
import { formatTime } from './bogota-clock.ts';
import { centrePath, findCentreBySlug, listCentres } from './centres.queries.ts';
import { openStates } from './open-now.ts';
import { findOffering, listServices, servicePath } from './services.queries.ts';
import { CENTRE_KINDS, CHANNELS, type Channel, type CentreKind } from './service-points.schema.ts';
import { readServicePointsSettings } from './service-points.settings.ts';

const TAGS = ['Puntos de atención y trámites'];
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

const CentreSummary = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  kind: Type.String({ enum: [...CENTRE_KINDS] }),
  address: Nullable(Type.String()),
  localidadCode: Nullable(Type.String()),
  latitude: Type.Union([Type.Number(), Type.Null()]),
  longitude: Type.Union([Type.Number(), Type.Null()]),
  accessibility: Type.Array(Type.String()),
  openNow: Type.Boolean(),
  url: Type.String(),
});

const ServiceSummary = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  entity: Type.String(),
  channel: Type.String({ enum: [...CHANNELS] }),
  costKind: Type.String(),
  costCop: Nullable(Type.String()),
  onlineUrl: Nullable(Type.String()),
  url: Type.String(),
});

const DaySlots = Type.Object({
  day: Type.String({ description: 'YYYY-MM-DD, Bogotá' }),
  open: Type.Boolean(),
  holiday: Nullable(Type.String()),
  slots: Type.Array(Type.Object({ time: Type.String({ description: 'HH:MM, Bogotá' }), remaining: Type.Integer() })),
});

/** Read-only JSON API of the network: centres with "open now", the catalogue, free turns. */
export function servicePointsApiRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  app.get(
    '/api/v1/puntos-de-atencion',
    {
      schema: {
        tags: TAGS,
        summary: 'Puntos de la Red CADE, con "abierto ahora" calculado en hora de Bogotá',
        querystring: Type.Object({ localidad: Type.Optional(Type.String({ pattern: '^(0[1-9]|1[0-9]|20)$' })), tipo: Type.Optional(Type.String({ enum: [...CENTRE_KINDS] })) }),
        response: { 200: DataEnvelope(Type.Array(CentreSummary)), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      await authorize(request, 'service-points', 'view');
      const query = request.query as { localidad?: string; tipo?: CentreKind };
      const centres = await listCentres(db, { localidad: query.localidad, kind: query.tipo });
      const states = await openStates(db, centres, new Date());
      reply.header('cache-control', 'no-store');
      return {
        data: centres.map((c) => ({
          slug: c.slug,
          name: c.name,
          kind: c.kind,
          address: c.address,
          localidadCode: c.localidadCode,
          latitude: c.latitude,
          longitude: c.longitude,
          accessibility: c.accessibility,
          openNow: states.get(c.id)!.open,
          url: centrePath(c.slug),
        })),
      };
    },
  );

  app.get(
    '/api/v1/puntos-de-atencion/:slug/turnos',
    {
      schema: {
        tags: TAGS,
        summary: 'Turnos libres de un trámite en un punto, por día (sin festivos ni cierres)',
        params: Type.Object({ slug: Type.String({ maxLength: 80 }) }),
        querystring: Type.Object({ servicio: Type.String({ minLength: 2, maxLength: 80 }) }),
        response: { 200: DataEnvelope(Type.Array(DaySlots)), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      await authorize(request, 'service-points', 'view');
      const centre = (await findCentreBySlug(db, (request.params as { slug: string }).slug)) ?? notFound();
      const offering = (await findOffering(db, centre.id, (request.query as { servicio: string }).servicio)) ?? notFound();
      if (!givesTurns(offering)) throw new HttpError(409, 'no_turns', 'service-points.api.no_turns');
      const days = await availability(db, centre, offering, new Date(), await readServicePointsSettings(db));
      return {
        data: days.map((d) => ({ day: d.day, open: d.hours.open, holiday: d.hours.holiday ?? null, slots: d.slots.map((s) => ({ time: formatTime(s.start), remaining: s.remaining })) })),
      };
    },
  );

  app.get(
    '/api/v1/tramites',
    {
      schema: {
        tags: TAGS,
        summary: 'Guía de trámites y servicios: búsqueda en español (sin importar tildes) y filtros',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          entidad: Type.Optional(Type.String({ maxLength: 60 })),
          canal: Type.Optional(Type.String({ enum: [...CHANNELS] })),
          punto: Type.Optional(Type.String({ maxLength: 80 })),
          localidad: Type.Optional(Type.String({ pattern: '^(0[1-9]|1[0-9]|20)$' })),
        }),
        response: { 200: DataEnvelope(Type.Array(ServiceSummary)), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      await authorize(request, 'service-points', 'view');
      const q = request.query as { q?: string; entidad?: string; canal?: Channel; punto?: string; localidad?: string };
      const list = await listServices(db, { q: q.q, entity: q.entidad, channel: q.canal, centre: q.punto, localidad: q.localidad });
      reply.header('cache-control', 'public, max-age=60');
      return {
        data: list.map((s) => ({ slug: s.slug, name: s.name, entity: s.entityCode, channel: s.channel, costKind: s.costKind, costCop: s.costCop, onlineUrl: s.onlineUrl, url: servicePath(s.slug) })),
      };
    },
  );
}
