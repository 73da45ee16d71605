import { DISTRICT_BBOX, licenceOf, MIME_TYPES, PLATFORM_PUBLISHER } from '../catalogue.data.ts';
import type { Dataset } from '../catalogue.queries.ts';
import { resourceUrl } from '../ckan/dicts.ts';
import { datasetPath } from '../paths.ts';
import { iri, lit, NS, q, typed, type Term, type Triple } from './rdf.ts';

/**
 * The catalogue as DCAT-AP 3 (standards.md §2): Spanish literals, EU authority tables for themes,
 * frequencies, language and file types, and every node typed with the class the DCAT-AP SHACL
 * expects (the shapes check `sh:class` without inference).
 */
const EU = 'http://publications.europa.eu/resource/authority/';
const FILE_TYPES: Record<string, string> = { CSV: 'CSV', JSON: 'JSON', GEOJSON: 'GEOJSON', XLSX: 'XLSX', PDF: 'PDF', HTML: 'HTML', ZIP: 'ZIP', XML: 'XML' };
const WKT = 'http://www.opengis.net/ont/geosparql#wktLiteral';

class Graph {
  private readonly seen = new Set<string>();
  readonly triples: Triple[] = [];
  add(s: string, p: string, o: Term) {
    const key = `${s} ${p} ${JSON.stringify(o)}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.triples.push({ s, p, o });
  }
  type(s: string, cls: string) {
    this.add(s, NS.rdf + 'type', iri(q(cls)));
  }
}

const dateTime = (d: Date) => typed(d.toISOString(), NS.xsd + 'dateTime');
export const datasetIri = (baseUrl: string, name: string) => `${baseUrl}/dataset/${name}`;
export const catalogIri = (baseUrl: string) => `${baseUrl}/catalog`;

function addDataset(g: Graph, d: Dataset, baseUrl: string, localidadNames: ReadonlyMap<string, string>): string {
  const s = datasetIri(baseUrl, d.name);
  g.type(s, 'dcat:Dataset');
  g.add(s, q('dct:identifier'), lit(d.id));
  g.add(s, q('dct:title'), lit(d.title, 'es'));
  g.add(s, q('dct:description'), lit(d.notes, 'es'));
  g.add(s, q('dct:issued'), dateTime(d.createdAt));
  g.add(s, q('dct:modified'), dateTime(d.modifiedAt));
  g.add(s, q('dcat:version'), lit(String(d.version)));
  const publisher = `${baseUrl}/organization/${d.organization.code}`;
  g.add(s, q('dct:publisher'), iri(publisher));
  g.type(publisher, 'foaf:Agent');
  g.add(publisher, q('foaf:name'), lit(d.organization.name, 'es'));
  const contact = `_:contact-${d.id}`;
  g.add(s, q('dcat:contactPoint'), { bnode: contact });
  g.type(contact, 'vcard:Kind');
  g.type(contact, 'vcard:Organization');
  g.add(contact, q('vcard:fn'), lit(d.contactName));
  g.add(contact, q('vcard:hasEmail'), iri(`mailto:${d.contactEmail}`));
  for (const tag of d.tags) g.add(s, q('dcat:keyword'), lit(tag.name, 'es'));
  const theme = `${EU}data-theme/${d.group.euTheme}`;
  g.add(s, q('dcat:theme'), iri(theme));
  g.type(theme, 'skos:Concept');
  g.add(theme, q('skos:prefLabel'), lit(d.group.title, 'es'));
  const frequency = `${EU}frequency/${d.frequency}`;
  g.add(s, q('dct:accrualPeriodicity'), iri(frequency));
  g.type(frequency, 'dct:Frequency');
  const language = `${EU}language/SPA`;
  g.add(s, q('dct:language'), iri(language));
  g.type(language, 'dct:LinguisticSystem');
  if (d.localidades.length === 0) {
    const place = `_:district-${d.id}`;
    g.add(s, q('dct:spatial'), { bnode: place });
    g.type(place, 'dct:Location');
    const b = DISTRICT_BBOX;
    g.add(place, q('dcat:bbox'), typed(`POLYGON((${b.west} ${b.south},${b.west} ${b.north},${b.east} ${b.north},${b.east} ${b.south},${b.west} ${b.south}))`, WKT));
  } else {
    for (const code of d.localidades) {
      const place = `${baseUrl}/localidad/${code}`;
      g.add(s, q('dct:spatial'), iri(place));
      g.type(place, 'dct:Location');
      g.add(place, q('rdfs:label'), lit(localidadNames.get(code) ?? code, 'es'));
    }
  }
  if (d.temporalStart || d.temporalEnd) {
    const period = `_:period-${d.id}`;
    g.add(s, q('dct:temporal'), { bnode: period });
    g.type(period, 'dct:PeriodOfTime');
    if (d.temporalStart) g.add(period, q('dcat:startDate'), typed(d.temporalStart, NS.xsd + 'date'));
    if (d.temporalEnd) g.add(period, q('dcat:endDate'), typed(d.temporalEnd, NS.xsd + 'date'));
  }
  const landing = `${baseUrl}${datasetPath(d.name)}`;
  g.add(s, q('dcat:landingPage'), iri(landing));
  g.type(landing, 'foaf:Document');
  const licence = licenceOf(d.licenseId);
  for (const r of d.resources) {
    const dist = `${s}/resource/${r.id}`;
    g.add(s, q('dcat:distribution'), iri(dist));
    g.type(dist, 'dcat:Distribution');
    g.add(dist, q('dct:identifier'), lit(r.id));
    g.add(dist, q('dct:title'), lit(r.name, 'es'));
    if (r.description) g.add(dist, q('dct:description'), lit(r.description, 'es'));
    const url = resourceUrl(d, r, baseUrl);
    g.add(dist, q('dcat:accessURL'), iri(url));
    if (r.fileId || r.url?.startsWith('/')) g.add(dist, q('dcat:downloadURL'), iri(url));
    g.add(dist, q('dct:modified'), dateTime(r.modifiedAt));
    const fileType = FILE_TYPES[r.format];
    if (fileType) {
      const format = `${EU}file-type/${fileType}`;
      g.add(dist, q('dct:format'), iri(format));
      g.type(format, 'dct:MediaTypeOrExtent');
    }
    const mime = r.mimetype ?? MIME_TYPES[r.format];
    if (mime) {
      const media = `https://www.iana.org/assignments/media-types/${mime}`;
      g.add(dist, q('dcat:mediaType'), iri(media));
      g.type(media, 'dct:MediaType');
    }
    if (licence.url) {
      g.add(dist, q('dct:license'), iri(licence.url));
      g.type(licence.url, 'dct:LicenseDocument');
    }
    if (r.size !== null) g.add(dist, q('dcat:byteSize'), typed(String(r.size), NS.xsd + 'nonNegativeInteger'));
  }
  return s;
}

/** The whole catalogue, or (with `only`) one dataset's graph. */
export function catalogueGraph(datasets: readonly Dataset[], baseUrl: string, localidadNames: ReadonlyMap<string, string>, options: { withCatalog: boolean }): Triple[] {
  const g = new Graph();
  const ids = datasets.map((d) => addDataset(g, d, baseUrl, localidadNames));
  if (options.withCatalog) {
    const c = catalogIri(baseUrl);
    g.type(c, 'dcat:Catalog');
    g.add(c, q('dct:title'), lit('Datos abiertos de Bogotá — Gobierno Abierto', 'es'));
    g.add(c, q('dct:description'), lit('Catálogo de datos abiertos de las entidades del Distrito Capital y de la plataforma de Gobierno Abierto de Bogotá.', 'es'));
    const publisher = `${baseUrl}/organization/alcaldia-mayor`;
    g.add(c, q('dct:publisher'), iri(publisher));
    g.type(publisher, 'foaf:Agent');
    g.add(publisher, q('foaf:name'), lit(PLATFORM_PUBLISHER, 'es'));
    const home = `${baseUrl}/datos`;
    g.add(c, q('foaf:homepage'), iri(home));
    g.type(home, 'foaf:Document');
    const language = `${EU}language/SPA`;
    g.add(c, q('dct:language'), iri(language));
    g.type(language, 'dct:LinguisticSystem');
    const taxonomy = `${EU}data-theme`;
    g.add(c, q('dcat:themeTaxonomy'), iri(taxonomy));
    g.type(taxonomy, 'skos:ConceptScheme');
    g.add(taxonomy, q('dct:title'), lit('Data theme', 'en'));
    const latest = datasets.reduce<Date | null>((m, d) => (!m || d.modifiedAt > m ? d.modifiedAt : m), null);
    if (latest) g.add(c, q('dct:modified'), dateTime(latest));
    for (const id of ids) g.add(c, q('dcat:dataset'), iri(id));
  }
  return g.triples;
}
