import { licenceOf } from './catalogue.data.ts';
import type { Dataset } from './catalogue.queries.ts';

/**
 * Catalogue search shared by package_search and the /datos page: a small subset of CKAN's Solr
 * syntax evaluated in memory over the public datasets (the catalogue holds hundreds of datasets,
 * so one query plus a scan is faster than it sounds and behaves the same on both engines).
 *   q:  free words (accent- and case-insensitive, all must match title, description, tags or
 *       organization), `field:value` terms, or `*:*`.
 *   fq: `field:value` or `field:"value with spaces"` terms, all required (a leading + is allowed).
 */
export const FACET_FIELDS = ['organization', 'groups', 'tags', 'res_format', 'license_id', 'localidades'] as const;
export type FacetField = (typeof FACET_FIELDS)[number];
const FILTER_FIELDS = new Set<string>([...FACET_FIELDS, 'name', 'id', 'title', 'private', 'state']);
export const SORT_FIELDS = new Set(['score', 'metadata_modified', 'metadata_created', 'name', 'title', 'title_string']);
/** Datasets covering the whole district carry this value in the localidades facet. */
export const WHOLE_DISTRICT = 'distrito';

export class SearchSyntaxError extends Error {}

export interface Filter {
  field: string;
  value: string;
}

export interface SearchRequest {
  q: string;
  fq: string;
  sort: string;
  rows: number;
  start: number;
  facetFields: readonly string[];
  facetLimit: number;
  facetMincount: number;
}

export interface FacetItem {
  name: string;
  displayName: string;
  count: number;
}

export interface SearchOutcome {
  count: number;
  results: Dataset[];
  facets: Record<string, FacetItem[]>;
}

export const normalize = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** Splits `a:b c:"d e" f` into terms, keeping quoted values together. */
function terms(query: string): string[] {
  return [...query.matchAll(/[+]?(?:[^\s:"]+:"[^"]*"|"[^"]*"|\S+)/g)].map((m) => m[0].replace(/^\+/, ''));
}

export function parseFilters(fq: string): Filter[] {
  const out: Filter[] = [];
  for (const term of terms(fq)) {
    const match = /^([A-Za-z_.]+):(.*)$/.exec(term);
    if (!match) throw new SearchSyntaxError(`fq term without a field: ${term}`);
    const field = match[1]!;
    if (field === 'site_id' || field === 'dataset_type' || field === 'capacity') continue;
    if (!FILTER_FIELDS.has(field)) throw new SearchSyntaxError(`undefined field ${field}`);
    out.push({ field, value: match[2]!.replace(/^"|"$/g, '') });
  }
  return out;
}

export function valuesOf(d: Dataset, field: string): string[] {
  switch (field) {
    case 'organization':
      return [d.organization.code];
    case 'groups':
      return [d.group.name];
    case 'tags':
      return d.tags.map((t) => t.name);
    case 'res_format':
      return [...new Set(d.resources.map((r) => r.format))];
    case 'license_id':
      return [d.licenseId];
    case 'localidades':
      return d.localidades.length ? d.localidades : [WHOLE_DISTRICT];
    case 'name':
      return [d.name];
    case 'id':
      return [d.id];
    case 'title':
      return [d.title];
    case 'private':
      return [String(d.private)];
    case 'state':
      return [d.state];
    default:
      return [];
  }
}

const matchesFilter = (d: Dataset, f: Filter) => {
  if (f.value === '*') return valuesOf(d, f.field).length > 0;
  const wanted = normalize(f.value);
  return valuesOf(d, f.field).some((v) => normalize(v) === wanted);
};

function haystack(d: Dataset) {
  return {
    title: normalize(d.title),
    tags: normalize(d.tags.map((t) => t.name).join(' ')),
    rest: normalize(`${d.notes} ${d.organization.name} ${d.organization.acronym} ${d.group.title} ${d.name} ${d.resources.map((r) => `${r.name} ${r.format}`).join(' ')}`),
  };
}

function parseSort(sort: string): { field: string; desc: boolean }[] {
  return sort
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [field = '', dir = 'asc', ...rest] = s.split(/\s+/);
      if (!SORT_FIELDS.has(field) || rest.length > 0 || !['asc', 'desc'].includes(dir.toLowerCase())) throw new SearchSyntaxError(`can not sort on ${s}`);
      return { field, desc: dir.toLowerCase() === 'desc' };
    });
}

export function searchDatasets(all: readonly Dataset[], request: SearchRequest, displayNames: (field: string, value: string) => string): SearchOutcome {
  const filters = parseFilters(request.fq);
  const words: string[] = [];
  const q = request.q.trim();
  if (q && q !== '*:*' && q !== '*') {
    for (const term of terms(q)) {
      const fielded = /^([A-Za-z_.]+):(.+)$/.exec(term);
      if (fielded && FILTER_FIELDS.has(fielded[1]!)) filters.push({ field: fielded[1]!, value: fielded[2]!.replace(/^"|"$/g, '') });
      else if (fielded && fielded[1] === 'text') words.push(...normalize(fielded[2]!).split(/\s+/));
      else if (!['AND', 'OR'].includes(term)) words.push(...normalize(term.replace(/"/g, '')).split(/\s+/).filter(Boolean));
    }
  }
  const sort = parseSort(request.sort);
  const scored: { d: Dataset; score: number }[] = [];
  for (const d of all) {
    if (!filters.every((f) => matchesFilter(d, f))) continue;
    let score = 1;
    if (words.length) {
      const h = haystack(d);
      let ok = true;
      score = 0;
      for (const w of words) {
        const inTitle = h.title.includes(w);
        const inTags = h.tags.includes(w);
        const inRest = h.rest.includes(w);
        if (!inTitle && !inTags && !inRest) {
          ok = false;
          break;
        }
        score += (inTitle ? 3 : 0) + (inTags ? 2 : 0) + (inRest ? 1 : 0);
      }
      if (!ok) continue;
    }
    scored.push({ d, score });
  }
  const keyOf = (x: { d: Dataset; score: number }, field: string): number | string => {
    switch (field) {
      case 'score':
        return x.score;
      case 'metadata_modified':
        return x.d.modifiedAt.getTime();
      case 'metadata_created':
        return x.d.createdAt.getTime();
      case 'name':
        return x.d.name;
      default:
        return normalize(x.d.title);
    }
  };
  scored.sort((a, b) => {
    for (const s of sort) {
      const ka = keyOf(a, s.field);
      const kb = keyOf(b, s.field);
      if (ka !== kb) return (ka < kb ? -1 : 1) * (s.desc ? -1 : 1);
    }
    return a.d.name < b.d.name ? -1 : 1;
  });
  const facets: Record<string, FacetItem[]> = {};
  for (const field of request.facetFields) {
    const counts = new Map<string, number>();
    for (const { d } of scored) for (const v of valuesOf(d, field)) counts.set(v, (counts.get(v) ?? 0) + 1);
    let items = [...counts.entries()]
      .filter(([, c]) => c >= request.facetMincount)
      .map(([name, count]) => ({ name, count, displayName: displayNames(field, name) }))
      .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
    if (request.facetLimit >= 0) items = items.slice(0, request.facetLimit);
    facets[field] = items;
  }
  return { count: scored.length, results: scored.slice(request.start, request.start + request.rows).map((x) => x.d), facets };
}

/** Display names of facet values: organization and group titles, licence titles, localidad names. */
export function facetDisplayNames(datasets: readonly Dataset[], localidadNames: ReadonlyMap<string, string>, wholeDistrict: string) {
  const orgs = new Map(datasets.map((d) => [d.organization.code, d.organization.name]));
  const groups = new Map(datasets.map((d) => [d.group.name, d.group.title]));
  return (field: string, value: string): string => {
    if (field === 'organization') return orgs.get(value) ?? value;
    if (field === 'groups') return groups.get(value) ?? value;
    if (field === 'license_id') return licenceOf(value).title;
    if (field === 'localidades') return value === WHOLE_DISTRICT ? wholeDistrict : (localidadNames.get(value) ?? value);
    return value;
  };
}
