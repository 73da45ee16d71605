import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { cachedFor } from '../../core/cache/ttl-cache.ts';
import { DataEnvelope, ERROR_RESPONSES } from '../../core/http/api-schemas.ts';
import { HttpError, notFound } from '../../core/http/errors.ts';
import { sendPage, viewContext } from '../../core/http/render.tsx';
import { findLocalidadByName } from '../../core/geo/localidad-names.ts';
import { localidadesGeoJson, locateLocalidad } from '../../core/geo/locate.ts';
import { presentLocalidad, presentLocalidadSummary, presentSector } from './reference.presenter.ts';
import { findLocalidad, findLocalMayoralty, listControlBodies, listLocalidades, listSectorsWithEntities } from './reference.queries.ts';
import { LocalidadCodeParam, LocalidadDetail, LocalidadSummary, LocateQuery, LookupQuery, Sector } from './reference.schemas.ts';
import { EntitiesPage } from './views/EntitiesPage.tsx';
import { LocalidadesPage } from './views/LocalidadesPage.tsx';
import { LocalidadPage } from './views/LocalidadPage.tsx';

const TAGS = ['Datos de referencia'];
// Reference data changes only with a new release of the seeds; let caches keep it briefly.
const PUBLIC_CACHE = 'public, max-age=300';
const REFERENCE_TTL_MS = 60_000;

/** Pages and API for localidades, sectors and entities. All public; reads only. */
export function referenceRoutes(app: FastifyInstance): void {
  const { db } = app.gab;
  // Reference lists change only when a new release reseeds them.
  const localidadSummaries = cachedFor(REFERENCE_TTL_MS, async () => (await listLocalidades(db)).map(presentLocalidadSummary));
  const sectors = cachedFor(REFERENCE_TTL_MS, async () => (await listSectorsWithEntities(db)).map(presentSector));

  app.get('/localidades', async (request, reply) => sendPage(request, reply, <LocalidadesPage ctx={viewContext(request, reply)} localidades={await listLocalidades(db)} />));

  app.get('/localidades/:code', { schema: { params: LocalidadCodeParam } }, async (request, reply) => {
    const { code } = request.params as { code: string };
    const localidad = (await findLocalidad(db, code)) ?? notFound();
    const mayoralty = await findLocalMayoralty(db, code);
    return sendPage(request, reply, <LocalidadPage ctx={viewContext(request, reply)} localidad={presentLocalidad(localidad, mayoralty)} />);
  });

  app.get('/entidades', async (request, reply) => {
    const [sectors, controlBodies] = await Promise.all([listSectorsWithEntities(db), listControlBodies(db)]);
    return sendPage(request, reply, <EntitiesPage ctx={viewContext(request, reply)} sectors={sectors} controlBodies={controlBodies} />);
  });

  app.get(
    '/api/v1/localidades',
    { schema: { tags: TAGS, summary: 'Las 20 localidades de Bogotá (códigos "01"–"20")', response: { 200: DataEnvelope(Type.Array(LocalidadSummary)) } } },
    async (_request, reply) => reply.header('cache-control', PUBLIC_CACHE).send({ data: await localidadSummaries() }),
  );

  app.get(
    '/api/v1/localidades/buscar',
    {
      schema: {
        tags: TAGS,
        summary: 'Busca una localidad por nombre o número, sin importar tildes ni mayúsculas ("fontibon" → "09")',
        querystring: LookupQuery,
        response: { 200: DataEnvelope(LocalidadSummary), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const found = findLocalidadByName((request.query as { name: string }).name) ?? notFound();
      return { data: presentLocalidadSummary(found) };
    },
  );

  app.get(
    '/api/v1/localidades/ubicar',
    {
      schema: {
        tags: TAGS,
        summary: 'Localidad que contiene un punto (longitud, latitud WGS84); 404 fuera de Bogotá',
        querystring: LocateQuery,
        response: { 200: DataEnvelope(LocalidadSummary), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { lon, lat } = request.query as { lon: number; lat: number };
      const found = locateLocalidad(lon, lat);
      if (!found) throw new HttpError(404, 'outside_bogota', 'reference.locate.outside');
      return { data: found };
    },
  );

  app.get(
    '/api/v1/localidades/limites.geojson',
    { schema: { tags: TAGS, summary: 'Límites simplificados de las localidades (GeoJSON, fuente IDECA)' } },
    async (_request, reply) => reply.type('application/geo+json').header('cache-control', PUBLIC_CACHE).send(localidadesGeoJson()),
  );

  app.get(
    '/api/v1/localidades/:code',
    { schema: { tags: TAGS, summary: 'Una localidad con su alcaldía local', params: LocalidadCodeParam, response: { 200: DataEnvelope(LocalidadDetail), ...ERROR_RESPONSES } } },
    async (request) => {
      const { code } = request.params as { code: string };
      const localidad = (await findLocalidad(db, code)) ?? notFound();
      return { data: presentLocalidad(localidad, await findLocalMayoralty(db, code)) };
    },
  );

  app.get(
    '/api/v1/sectors',
    { schema: { tags: TAGS, summary: 'Los 15 sectores administrativos con sus entidades', response: { 200: DataEnvelope(Type.Array(Sector)) } } },
    async (_request, reply) => reply.header('cache-control', PUBLIC_CACHE).send({ data: await sectors() }),
  );
}
