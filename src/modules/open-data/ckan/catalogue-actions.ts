import type { Services } from '../../../core/modules/module.ts';
import { findDataset, findResource, listGroups, listOrganizations, type Dataset } from '../catalogue.queries.ts';
import { addResource } from '../commands/add-resource.ts';
import { saveDataset } from '../commands/save-dataset.ts';
import { CKAN_MESSAGES, parseDatasetInput, type InputErrors } from '../dataset-input.ts';
import { RESOURCE_FORMATS } from '../catalogue.data.ts';
import { publicCatalogue } from '../self-publish.ts';
import { facetDisplayNames, SearchSyntaxError, searchDatasets } from '../search.ts';
import { CkanAuthorizationError, CkanNotFoundError, CkanSearchQueryError, CkanValidationError, type CkanActionContext, type CkanActionDefinition } from './action.ts';
import { groupDict, organizationDict, packageDict, resourceDict } from './dicts.ts';
import { boolParam, intParam, listParam, requiredString, stringParam } from './params.ts';

const ROWS_MAX = 1000;
const SEARCH_PARAMS = new Set([
  'q', 'fq', 'fq_list', 'sort', 'rows', 'start', 'facet', 'facet.field', 'facet.limit', 'facet.mincount', 'include_private', 'include_drafts', 'include_deleted',
  'use_default_schema', 'fl', 'qf', 'wt', 'bf', 'boost', 'tie', 'defType', 'mm', 'callback', '_',
]);

const gab = (ctx: CkanActionContext) => ctx.request.server.gab;
const catalogue = (ctx: CkanActionContext) => publicCatalogue(gab(ctx));

/** May the token's person manage the datasets of `entityCode`? */
function mayManage(ctx: CkanActionContext, entityCode: string): boolean {
  const actor = ctx.caller?.actor ?? null;
  return !!actor && gab(ctx).registry.can('open-data', 'manage-datasets', actor, { entityCode }).allowed;
}

/** A dataset the caller may read: public, or private and theirs to manage. */
async function readableDataset(ctx: CkanActionContext, id: string): Promise<Dataset> {
  await catalogue(ctx);
  const dataset = await findDataset(ctx.services.db, id);
  if (!dataset || dataset.state !== 'active') throw new CkanNotFoundError();
  if (dataset.private && !mayManage(ctx, dataset.organization.code)) throw new CkanAuthorizationError(`User not authorized to read package ${id}`);
  return dataset;
}

function requireWriter(ctx: CkanActionContext): void {
  if (!ctx.caller || !ctx.caller.scopes.includes('write')) throw new CkanAuthorizationError('an API token with the write scope is required');
}

const toCkanErrors = (errors: InputErrors) => Object.fromEntries(Object.entries(errors).map(([k, code]) => [k, [CKAN_MESSAGES[code]]]));

async function localidadSet(services: Services) {
  return new Set((await services.db.selectFrom('core_localidades').select('code').execute()).map((l) => l.code));
}

const run = (sideEffectFree: boolean, fn: (ctx: CkanActionContext) => Promise<unknown>): CkanActionDefinition => ({ sideEffectFree, run: fn });

export const CATALOGUE_ACTIONS: Record<string, CkanActionDefinition> = {
  site_read: run(true, async () => true),

  status_show: run(true, async (ctx) => ({
    ckan_version: '2.10.4',
    site_title: 'Datos abiertos — Gobierno Abierto de Bogotá',
    site_description: '',
    site_url: ctx.baseUrl,
    locale_default: 'es',
    extensions: ['datastore', 'dcat'],
  })),

  help_show: run(true, async (ctx) => {
    const name = requiredString(ctx.params, 'name');
    if (!ALL_ACTION_NAMES().includes(name)) throw new CkanNotFoundError('Action function not found');
    return `${name}: see ${ctx.baseUrl}/datos/api and the CKAN Action API v3 documentation.`;
  }),

  package_list: run(true, async (ctx) => {
    const limit = intParam(ctx.params, 'limit', Number.MAX_SAFE_INTEGER);
    const offset = intParam(ctx.params, 'offset', 0);
    const names = (await catalogue(ctx)).map((d) => d.name).sort();
    return names.slice(offset, offset + limit);
  }),

  package_show: run(true, async (ctx) => packageDict(await readableDataset(ctx, requiredString(ctx.params, 'id')), ctx.baseUrl)),

  package_search: run(true, async (ctx) => {
    const unknown = Object.keys(ctx.params).filter((k) => !SEARCH_PARAMS.has(k));
    if (unknown.length) throw new CkanSearchQueryError(`Invalid search parameters: ${JSON.stringify(unknown)}`);
    const rows = intParam(ctx.params, 'rows', 10, { max: ROWS_MAX });
    const start = intParam(ctx.params, 'start', 0);
    const facetLimit = intParam(ctx.params, 'facet.limit', 50, { min: Number.MIN_SAFE_INTEGER });
    const facetMincount = intParam(ctx.params, 'facet.mincount', 1);
    const facetOn = boolParam(ctx.params, 'facet', true);
    const facetFields = facetOn ? (listParam(ctx.params, 'facet.field') ?? []) : [];
    const fq = [stringParam(ctx.params, 'fq') ?? '', ...(listParam(ctx.params, 'fq_list') ?? [])].join(' ');
    const all = await catalogue(ctx);
    const localidades = new Map((await ctx.services.db.selectFrom('core_localidades').select(['code', 'name']).execute()).map((l) => [l.code, l.name]));
    let outcome;
    try {
      outcome = searchDatasets(
        all,
        { q: stringParam(ctx.params, 'q') ?? '', fq, sort: stringParam(ctx.params, 'sort') ?? 'score desc, metadata_modified desc', rows, start, facetFields, facetLimit, facetMincount },
        facetDisplayNames(all, localidades, 'Todo el Distrito'),
      );
    } catch (error) {
      if (error instanceof SearchSyntaxError) throw new CkanSearchQueryError(error.message);
      throw error;
    }
    const facets: Record<string, Record<string, number>> = {};
    const searchFacets: Record<string, { title: string; items: { name: string; display_name: string; count: number }[] }> = {};
    for (const [field, items] of Object.entries(outcome.facets)) {
      facets[field] = Object.fromEntries(items.map((i) => [i.name, i.count]));
      searchFacets[field] = {
        title: field,
        // CKAN sorts search_facets items by display_name, descending (reverse=True).
        items: items.map((i) => ({ name: i.name, display_name: i.displayName, count: i.count })).sort((a, b) => (a.display_name < b.display_name ? 1 : a.display_name > b.display_name ? -1 : 0)),
      };
    }
    return { count: outcome.count, results: outcome.results.map((d) => packageDict(d, ctx.baseUrl)), facets, search_facets: searchFacets, sort: stringParam(ctx.params, 'sort') ?? 'score desc, metadata_modified desc' };
  }),

  organization_list: run(true, async (ctx) => listOf(ctx, 'organization')),
  group_list: run(true, async (ctx) => listOf(ctx, 'group')),

  organization_show: run(true, async (ctx) => {
    const id = requiredString(ctx.params, 'id');
    const org = (await listOrganizations(ctx.services.db)).find((o) => o.code === id);
    if (!org) throw new CkanNotFoundError('Organization was not found.');
    const datasets = (await catalogue(ctx)).filter((d) => d.organization.code === org.code);
    return {
      ...organizationDict(org, ctx.baseUrl, boolParam(ctx.params, 'include_dataset_count', true) ? datasets.length : undefined),
      ...(boolParam(ctx.params, 'include_datasets', false) ? { packages: datasets.slice(0, 10).map((d) => packageDict(d, ctx.baseUrl)) } : {}),
      users: [],
      extras: [],
      groups: [],
      tags: [],
    };
  }),

  group_show: run(true, async (ctx) => {
    const id = requiredString(ctx.params, 'id');
    const group = (await listGroups(ctx.services.db)).find((g) => g.name === id || g.id === id);
    if (!group) throw new CkanNotFoundError('Group was not found.');
    const datasets = (await catalogue(ctx)).filter((d) => d.group.id === group.id);
    return {
      ...groupDict(group, boolParam(ctx.params, 'include_dataset_count', true) ? datasets.length : undefined),
      ...(boolParam(ctx.params, 'include_datasets', false) ? { packages: datasets.slice(0, 10).map((d) => packageDict(d, ctx.baseUrl)) } : {}),
      users: [],
      extras: [],
      groups: [],
      tags: [],
    };
  }),

  tag_list: run(true, async (ctx) => {
    const query = stringParam(ctx.params, 'query')?.toLowerCase();
    const tags = new Map<string, string>();
    for (const d of await catalogue(ctx)) for (const t of d.tags) tags.set(t.name, t.id);
    const names = [...tags.keys()].filter((n) => !query || n.includes(query)).sort();
    if (boolParam(ctx.params, 'all_fields', false)) return names.map((name) => ({ id: tags.get(name), name, display_name: name, vocabulary_id: null }));
    return names;
  }),

  resource_show: run(true, async (ctx) => {
    const id = requiredString(ctx.params, 'id');
    const found = await findResource(ctx.services.db, id);
    if (!found || found.dataset.state !== 'active') throw new CkanNotFoundError('Resource was not found.');
    if (found.dataset.private && !mayManage(ctx, found.dataset.organization.code)) throw new CkanAuthorizationError(`User not authorized to read resource ${id}`);
    return resourceDict(found.dataset, found.resource, ctx.baseUrl);
  }),

  package_create: run(false, async (ctx) => writePackage(ctx, null)),
  package_update: run(false, async (ctx) => writePackage(ctx, 'update')),
  package_patch: run(false, async (ctx) => writePackage(ctx, 'patch')),

  resource_create: run(false, async (ctx) => {
    requireWriter(ctx);
    const packageId = requiredString(ctx.params, 'package_id');
    const dataset = await findDataset(ctx.services.db, packageId);
    if (!dataset || dataset.state !== 'active') throw new CkanNotFoundError('Dataset was not found.');
    if (!mayManage(ctx, dataset.organization.code) || dataset.sourceExport) throw new CkanAuthorizationError(`User not authorized to edit package ${packageId}`);
    const url = stringParam(ctx.params, 'url')?.trim() ?? '';
    const errors: Record<string, string[]> = {};
    if (!/^https?:\/\/\S+$/.test(url)) errors.url = [url ? 'Please provide a valid URL' : 'Missing value'];
    const format = (stringParam(ctx.params, 'format') ?? '').trim().toUpperCase() || (/\.([a-z0-9]+)(?:\?|$)/i.exec(url)?.[1]?.toUpperCase() ?? '');
    if (!(RESOURCE_FORMATS as readonly string[]).includes(format)) errors.format = ['Invalid value'];
    const name = (stringParam(ctx.params, 'name') ?? '').trim() || url.split('/').pop() || 'recurso';
    if (Object.keys(errors).length) throw new CkanValidationError(errors);
    const resource = await ctx.services.db.transaction().execute((tx) =>
      addResource(tx, { datasetId: dataset.id, resource: { name: name.slice(0, 300), description: stringParam(ctx.params, 'description') ?? '', format, url, file: null }, actor: ctx.caller!.actor, now: new Date(), requestId: ctx.request.id }),
    );
    return resourceDict(dataset, resource, ctx.baseUrl);
  }),
};

async function listOf(ctx: CkanActionContext, kind: 'organization' | 'group') {
  const sort = stringParam(ctx.params, 'sort') ?? 'title asc';
  const [field = 'title', dir = 'asc'] = sort.trim().split(/\s+/);
  if (!['name', 'title', 'package_count'].includes(field) || !['asc', 'desc'].includes(dir)) throw new CkanValidationError({ sort: ['Cannot sort by field `' + field + '`'] });
  const allFields = boolParam(ctx.params, 'all_fields', false);
  const limit = intParam(ctx.params, 'limit', allFields ? 25 : 1000);
  const offset = intParam(ctx.params, 'offset', 0);
  const only = listParam(ctx.params, kind === 'organization' ? 'organizations' : 'groups');
  const datasets = await catalogue(ctx);
  const entries =
    kind === 'organization'
      ? (await listOrganizations(ctx.services.db)).map((o) => ({ name: o.code, title: o.name, count: datasets.filter((d) => d.organization.code === o.code).length, dict: (c?: number) => organizationDict(o, ctx.baseUrl, c) }))
      : (await listGroups(ctx.services.db)).map((g) => ({ name: g.name, title: g.title, count: datasets.filter((d) => d.group.id === g.id).length, dict: (c?: number) => groupDict(g, c) }));
  const filtered = only ? entries.filter((e) => only.includes(e.name)) : entries;
  const key = (e: (typeof entries)[number]) => (field === 'package_count' ? e.count : field === 'name' ? e.name : e.title.toLocaleLowerCase('es'));
  filtered.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return (ka < kb ? -1 : ka > kb ? 1 : 0) * (dir === 'desc' ? -1 : 1);
  });
  const page = filtered.slice(offset, offset + limit);
  if (!allFields) return page.map((e) => e.name);
  const withCount = boolParam(ctx.params, 'include_dataset_count', true);
  return page.map((e) => e.dict(withCount ? e.count : undefined));
}

/** package_create (mode null), package_update (all fields replaced) and package_patch (fields merged). */
async function writePackage(ctx: CkanActionContext, mode: 'update' | 'patch' | null) {
  requireWriter(ctx);
  let before: Dataset | null = null;
  let raw: Record<string, unknown> = ctx.params;
  if (mode) {
    const id = requiredString(ctx.params, 'id');
    before = await findDataset(ctx.services.db, id);
    if (!before || before.state !== 'active') throw new CkanNotFoundError('Dataset was not found.');
    if (!mayManage(ctx, before.organization.code) || before.sourceExport) throw new CkanAuthorizationError(`User not authorized to edit package ${id}`);
    if (mode === 'patch') {
      const current = packageDict(before, ctx.baseUrl);
      raw = { ...current, extras: Object.entries(before.extras).map(([key, value]) => ({ key, value })), ...ctx.params };
    }
  }
  const parsed = parseDatasetInput(raw, { localidades: await localidadSet(ctx.services) });
  if (!parsed.ok) throw new CkanValidationError(toCkanErrors(parsed.errors));
  if (!mayManage(ctx, parsed.value.ownerOrg)) throw new CkanAuthorizationError(`User not authorized to create packages in organization ${parsed.value.ownerOrg}`);
  const result = await ctx.services.db.transaction().execute((tx) => saveDataset(tx, { value: parsed.value, before, actor: ctx.caller!.actor, now: new Date(), requestId: ctx.request.id }));
  if (!result.ok) throw new CkanValidationError(toCkanErrors(result.errors));
  return packageDict(result.dataset, ctx.baseUrl);
}

let allNames: string[] | null = null;
/** Set by the dispatcher: every action name it knows (help_show answers for these). */
export const setActionNames = (names: string[]) => {
  allNames = names;
};
const ALL_ACTION_NAMES = () => allNames ?? Object.keys(CATALOGUE_ACTIONS);

