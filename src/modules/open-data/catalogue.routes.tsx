import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '../../core/http/errors.ts';
import { sendPage, viewContext } from '../../core/http/render.tsx';
import type { Services } from '../../core/modules/module.ts';
import { authorize, canOnRequest } from '../../core/permissions/authorize.ts';
import { findDataset, findResource, type Dataset } from './catalogue.queries.ts';
import { DatastorePreview } from './datastore/DatastorePreview.tsx';
import { loadPreview } from './datastore/preview.ts';
import { publicCatalogue } from './self-publish.ts';
import { facetDisplayNames, searchDatasets, type SearchRequest } from './search.ts';
import { CataloguePage, facetParam, PAGE_FACETS, type CatalogueQuery } from './views/CataloguePage.tsx';
import { DatasetPage } from './views/DatasetPage.tsx';
import { ResourcePage } from './views/ResourcePage.tsx';

const PAGE_SIZE = 20;
const Query = Type.Record(Type.String({ maxLength: 40 }), Type.Union([Type.String({ maxLength: 300 }), Type.Array(Type.String({ maxLength: 300 }), { maxItems: 10 })]));
const first = (v: unknown) => (Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '');

export async function localidadNames(services: Services): Promise<Map<string, string>> {
  return new Map((await services.db.selectFrom('core_localidades').select(['code', 'name']).execute()).map((l) => [l.code, l.name]));
}

/** May the visitor see this dataset? Private ones only to those who manage them. */
export async function canSee(request: FastifyRequest, dataset: Dataset): Promise<boolean> {
  if (dataset.state !== 'active') return false;
  if (!dataset.private) return true;
  return (await canOnRequest(request, 'open-data', 'manage-datasets', { entityCode: dataset.organization.code })).allowed;
}

/** Public pages of the catalogue: search with facets, dataset, resource and file download. */
export function catalogueRoutes(app: FastifyInstance, services: Services, extras: { community: (request: FastifyRequest, dataset: Dataset) => Promise<unknown> }): void {
  const { db } = services;

  app.get('/datos', { schema: { querystring: Query } }, async (request, reply) => {
    await authorize(request, 'open-data', 'view');
    const raw = request.query as Record<string, unknown>;
    const query: CatalogueQuery = {
      q: first(raw.q).trim().slice(0, 200),
      filters: Object.fromEntries(PAGE_FACETS.map((f) => [f, first(raw[facetParam(f)]).slice(0, 100)]).filter(([, v]) => v)),
      page: Math.max(1, Math.min(1000, Number.parseInt(first(raw.pagina), 10) || 1)),
    };
    const datasets = await publicCatalogue(app.gab);
    // Filter values are quoted, so any text a visitor types is a value, never syntax.
    const fq = PAGE_FACETS.filter((f) => query.filters[f]).map((f) => `${f}:"${query.filters[f]!.replace(/"/g, '')}"`).join(' ');
    const search: SearchRequest = { q: query.q.replace(/:/g, ' '), fq, sort: query.q ? 'score desc, metadata_modified desc' : 'metadata_modified desc', rows: PAGE_SIZE, start: (query.page - 1) * PAGE_SIZE, facetFields: PAGE_FACETS, facetLimit: 50, facetMincount: 1 };
    const names = facetDisplayNames(datasets, await localidadNames(services), request.t('open-data.facet.whole_district'));
    const outcome = searchDatasets(datasets, search, names);
    const canManage = (await canOnRequest(request, 'open-data', 'manage-datasets')).allowed;
    return sendPage(
      request,
      reply,
      <CataloguePage ctx={viewContext(request, reply)} query={query} count={outcome.count} results={outcome.results} facets={outcome.facets} pageCount={Math.ceil(outcome.count / PAGE_SIZE)} canManage={canManage} />,
    );
  });

  app.get('/datos/conjuntos/:name', async (request, reply) => {
    await authorize(request, 'open-data', 'view');
    await publicCatalogue(app.gab);
    const dataset = await findDataset(db, (request.params as { name: string }).name);
    if (!dataset || !(await canSee(request, dataset))) return notFound();
    const canManage = (await canOnRequest(request, 'open-data', 'manage-datasets', { entityCode: dataset.organization.code })).allowed;
    reply.header('link', `</dataset/${dataset.name}.ttl>; rel="alternate"; type="text/turtle", </dataset/${dataset.name}.jsonld>; rel="alternate"; type="application/ld+json"`);
    const community = await extras.community(request, dataset);
    return sendPage(request, reply, <DatasetPage ctx={viewContext(request, reply)} dataset={dataset} localidadNames={await localidadNames(services)} canManage={canManage} community={community as never} />);
  });

  app.get('/datos/conjuntos/:name/recursos/:id', async (request, reply) => {
    await authorize(request, 'open-data', 'view');
    const params = request.params as { name: string; id: string };
    const found = await findResource(db, params.id);
    if (!found || found.dataset.name !== params.name || !(await canSee(request, found.dataset))) return notFound();
    const ctx = viewContext(request, reply);
    const preview = await loadPreview(db, found.dataset, found.resource, request.query as Record<string, unknown>);
    return sendPage(request, reply, <ResourcePage ctx={ctx} dataset={found.dataset} resource={found.resource} preview={preview && <DatastorePreview ctx={ctx} data={preview} />} />);
  });

  app.get('/datos/conjuntos/:name/recursos/:id/descarga', async (request, reply) => {
    await authorize(request, 'open-data', 'view');
    const params = request.params as { name: string; id: string };
    const found = await findResource(db, params.id);
    if (!found || found.dataset.name !== params.name || !(await canSee(request, found.dataset))) return notFound();
    const { resource } = found;
    if (resource.url) return reply.redirect(resource.url, 302);
    const file = await db.selectFrom('core_files').selectAll().where('id', '=', resource.fileId!).executeTakeFirst();
    if (!file) return notFound();
    reply.header('content-disposition', `attachment; filename="${file.original_name.replace(/[^\w.-]/g, '_')}"`);
    return reply.type(file.media_type).send(services.files.open(file.sha256));
  });

}
