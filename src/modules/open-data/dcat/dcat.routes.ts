import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../core/modules/module.ts';
import { FREQUENCY_ISO, licenceOf, PLATFORM_PUBLISHER, type Frequency } from '../catalogue.data.ts';
import { findDataset, type Dataset } from '../catalogue.queries.ts';
import { resourceUrl } from '../ckan/dicts.ts';
import { datasetPath } from '../paths.ts';
import { publicCatalogue } from '../self-publish.ts';
import { catalogueGraph, datasetIri } from './catalog-graph.ts';
import { toJsonLd, toRdfXml, toTurtle, type Triple } from './rdf.ts';

/**
 * DCAT-AP 3 as ckanext-dcat serves it (`/catalog.<fmt>`, `/dataset/<name>.<fmt>`, content
 * negotiation on the extension-less paths) and Project Open Data 1.1 at `/data.json`.
 */
const FORMATS = {
  ttl: { type: 'text/turtle', write: toTurtle },
  n3: { type: 'text/n3', write: toTurtle },
  jsonld: { type: 'application/ld+json', write: toJsonLd },
  rdf: { type: 'application/rdf+xml', write: toRdfXml },
  xml: { type: 'application/rdf+xml', write: toRdfXml },
} as const;
type Format = keyof typeof FORMATS;

/** The format an `Accept` header asks for (Turtle by default, as ckanext-dcat). */
export function negotiate(accept: string | undefined): Format | null {
  const wanted = (accept ?? '')
    .split(',')
    .map((part) => {
      const [type = '', ...params] = part.trim().split(';');
      const qv = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { type: type.trim().toLowerCase(), q: qv ? Number(qv) : 1 };
    })
    .filter((w) => w.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const w of wanted) {
    if (w.type === 'text/turtle') return 'ttl';
    if (w.type === 'application/ld+json' || w.type === 'application/json') return 'jsonld';
    if (w.type === 'application/rdf+xml' || w.type === 'application/xml') return 'rdf';
    if (w.type === 'text/n3') return 'n3';
    if (w.type === 'text/html') return null;
  }
  return 'ttl';
}

function send(reply: FastifyReply, format: Format, triples: Triple[]) {
  const f = FORMATS[format];
  return reply.header('access-control-allow-origin', '*').header('vary', 'accept').type(`${f.type}; charset=utf-8`).send(f.write(triples));
}

export function dcatRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;
  const names = async () => new Map((await db.selectFrom('core_localidades').select(['code', 'name']).execute()).map((l) => [l.code, l.name]));
  const base = () => services.config.baseUrl.replace(/\/$/, '');

  const catalogue = async (request: FastifyRequest, reply: FastifyReply, format: Format) => send(reply, format, catalogueGraph(await publicCatalogue(app.gab), base(), await names(), { withCatalog: true }));

  app.get('/catalog', async (request, reply) => {
    const format = negotiate(request.headers.accept);
    return format ? catalogue(request, reply, format) : reply.redirect('/datos', 303);
  });
  app.get('/catalog.:format', async (request, reply) => {
    const format = (request.params as { format: string }).format;
    if (!(format in FORMATS)) return reply.code(404).type('text/plain').send('Not found');
    return catalogue(request, reply, format as Format);
  });

  const datasetGraph = async (name: string, format: Format, reply: FastifyReply) => {
    await publicCatalogue(app.gab);
    const d = await findDataset(db, name);
    if (!d || d.private || d.state !== 'active') return reply.code(404).type('text/plain').send('Not found');
    return send(reply, format, catalogueGraph([d], base(), await names(), { withCatalog: false }));
  };

  app.get('/dataset/:file', async (request, reply) => {
    const file = (request.params as { file: string }).file;
    const match = /^([a-z0-9_-]{2,100})(?:\.([a-z0-9]+))?$/.exec(file);
    if (!match) return reply.code(404).type('text/plain').send('Not found');
    if (match[2]) {
      if (!(match[2] in FORMATS)) return reply.code(404).type('text/plain').send('Not found');
      return datasetGraph(match[1]!, match[2] as Format, reply);
    }
    const format = negotiate(request.headers.accept);
    return format ? datasetGraph(match[1]!, format, reply) : reply.redirect(datasetPath(match[1]!), 303);
  });

  app.get('/data.json', async (_request, reply) => {
    const datasets = await publicCatalogue(app.gab);
    reply.header('access-control-allow-origin', '*');
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(dataJson(datasets, base())));
  });
}

/** Project Open Data 1.1 catalogue (bureauCode/programCode are US-federal only and left out). */
export function dataJson(datasets: readonly Dataset[], baseUrl: string) {
  return {
    '@context': 'https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld',
    '@id': `${baseUrl}/data.json`,
    '@type': 'dcat:Catalog',
    conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
    describedBy: 'https://project-open-data.cio.gov/v1.1/schema/catalog.json',
    dataset: datasets.map((d) => {
      const licence = licenceOf(d.licenseId);
      const temporal = d.temporalStart && d.temporalEnd ? `${d.temporalStart}/${d.temporalEnd}` : undefined;
      return {
        '@type': 'dcat:Dataset',
        identifier: datasetIri(baseUrl, d.name),
        title: d.title,
        description: d.notes,
        keyword: d.tags.length ? d.tags.map((t) => t.name) : [d.group.title],
        modified: d.modifiedAt.toISOString(),
        issued: d.createdAt.toISOString().slice(0, 10),
        publisher: { '@type': 'org:Organization', name: d.organization.name, subOrganizationOf: { '@type': 'org:Organization', name: PLATFORM_PUBLISHER } },
        contactPoint: { '@type': 'vcard:Contact', fn: d.contactName, hasEmail: `mailto:${d.contactEmail}` },
        accessLevel: 'public',
        ...(licence.url ? { license: licence.url } : {}),
        spatial: d.localidades.length ? d.localidades.join(',') : '-74.450724,3.730672,-73.989018,4.836829',
        ...(temporal ? { temporal } : {}),
        accrualPeriodicity: FREQUENCY_ISO[d.frequency as Frequency] ?? 'irregular',
        language: ['es-CO'],
        theme: [d.group.title],
        landingPage: `${baseUrl}${datasetPath(d.name)}`,
        distribution: d.resources.map((r) => {
          const url = resourceUrl(d, r, baseUrl);
          const downloadable = !!r.fileId || !!r.url?.startsWith('/');
          return {
            '@type': 'dcat:Distribution',
            title: r.name,
            ...(r.description ? { description: r.description } : {}),
            ...(downloadable && r.mimetype ? { downloadURL: url, mediaType: r.mimetype } : { accessURL: url }),
            format: r.format,
          };
        }),
      };
    }),
  };
}
