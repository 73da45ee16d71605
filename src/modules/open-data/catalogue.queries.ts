import type { Executor } from '../../core/db/database.ts';
import './open-data.schema.ts';

/** An organization of the catalogue: a district entity (core_entities); its code is its CKAN id and name. */
export interface Organization {
  code: string;
  acronym: string;
  name: string;
}

export interface Group {
  id: string;
  name: string;
  title: string;
  description: string;
  euTheme: string;
  createdAt: Date;
}

export interface Resource {
  id: string;
  datasetId: string;
  position: number;
  name: string;
  description: string;
  format: string;
  mimetype: string | null;
  /** Link target, or null for an uploaded file. */
  url: string | null;
  fileId: string | null;
  size: number | null;
  datastoreActive: boolean;
  createdAt: Date;
  modifiedAt: Date;
}

export interface Dataset {
  id: string;
  name: string;
  title: string;
  notes: string;
  organization: Organization;
  group: Group;
  licenseId: string;
  frequency: string;
  localidades: string[];
  temporalStart: string | null;
  temporalEnd: string | null;
  contactName: string;
  contactEmail: string;
  extras: Record<string, string>;
  private: boolean;
  state: 'active' | 'deleted';
  version: number;
  sourceExport: string | null;
  createdBy: string | null;
  createdAt: Date;
  modifiedAt: Date;
  tags: { id: string; name: string }[];
  resources: Resource[];
}

export interface DatasetFilter {
  ids?: readonly string[];
  names?: readonly string[];
  entityCode?: string;
  /** Private and deleted datasets are left out unless asked for. */
  includePrivate?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/**
 * Datasets with their organization, group, tags and active resources, ordered by name. Three
 * queries whatever the number of datasets (the catalogue holds hundreds, not millions).
 */
export async function loadDatasets(db: Executor, filter: DatasetFilter = {}): Promise<Dataset[]> {
  let query = db
    .selectFrom('open_data_datasets as d')
    .innerJoin('core_entities as e', 'e.code', 'd.entity_code')
    .innerJoin('open_data_groups as g', 'g.id', 'd.group_id')
    .select([
      'd.id',
      'd.name',
      'd.title',
      'd.notes',
      'd.license_id',
      'd.frequency',
      'd.localidades',
      'd.temporal_start',
      'd.temporal_end',
      'd.contact_name',
      'd.contact_email',
      'd.extras',
      'd.private',
      'd.state',
      'd.version',
      'd.source_export',
      'd.created_by',
      'd.created_at',
      'd.modified_at',
      'e.code as org_code',
      'e.acronym as org_acronym',
      'e.name as org_name',
      'g.id as group_id',
      'g.name as group_name',
      'g.title as group_title',
      'g.description as group_description',
      'g.eu_theme as group_eu_theme',
      'g.created_at as group_created_at',
    ])
    .orderBy('d.name');
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    query = query.where('d.id', 'in', filter.ids.filter(isUuid).length ? filter.ids.filter(isUuid) : ['00000000-0000-0000-0000-000000000000']);
  }
  if (filter.names) {
    if (filter.names.length === 0) return [];
    query = query.where('d.name', 'in', filter.names);
  }
  if (filter.entityCode) query = query.where('d.entity_code', '=', filter.entityCode);
  if (!filter.includePrivate) query = query.where('d.private', '=', false).where('d.state', '=', 'active');
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [tags, resources] = await Promise.all([
    db
      .selectFrom('open_data_dataset_tags as dt')
      .innerJoin('open_data_tags as t', 't.id', 'dt.tag_id')
      .select(['dt.dataset_id', 't.id', 't.name'])
      .where('dt.dataset_id', 'in', ids)
      .orderBy('t.name')
      .execute(),
    db.selectFrom('open_data_resources').selectAll().where('dataset_id', 'in', ids).where('state', '=', 'active').orderBy('position').execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    title: r.title,
    notes: r.notes,
    organization: { code: r.org_code, acronym: r.org_acronym, name: r.org_name },
    group: { id: r.group_id, name: r.group_name, title: r.group_title, description: r.group_description, euTheme: r.group_eu_theme, createdAt: r.group_created_at },
    licenseId: r.license_id,
    frequency: r.frequency,
    localidades: r.localidades,
    temporalStart: r.temporal_start,
    temporalEnd: r.temporal_end,
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    extras: r.extras ?? {},
    private: r.private,
    state: r.state,
    version: r.version,
    sourceExport: r.source_export,
    createdBy: r.created_by,
    createdAt: r.created_at,
    modifiedAt: r.modified_at,
    tags: tags.filter((t) => t.dataset_id === r.id).map((t) => ({ id: t.id, name: t.name })),
    resources: resources.filter((x) => x.dataset_id === r.id).map(resourceOf),
  }));
}

export function resourceOf(x: {
  id: string;
  dataset_id: string;
  position: number;
  name: string;
  description: string;
  format: string;
  mimetype: string | null;
  url: string | null;
  file_id: string | null;
  size: string | null;
  datastore_active: boolean;
  created_at: Date;
  modified_at: Date;
}): Resource {
  return {
    id: x.id,
    datasetId: x.dataset_id,
    position: x.position,
    name: x.name,
    description: x.description,
    format: x.format,
    mimetype: x.mimetype,
    url: x.url,
    fileId: x.file_id,
    size: x.size === null ? null : Number(x.size),
    datastoreActive: x.datastore_active,
    createdAt: x.created_at,
    modifiedAt: x.modified_at,
  };
}

/** One dataset by id or name (CKAN accepts either), including private ones (the caller decides). */
export async function findDataset(db: Executor, idOrName: string): Promise<Dataset | null> {
  const found = await loadDatasets(db, isUuid(idOrName) ? { ids: [idOrName], includePrivate: true } : { names: [idOrName], includePrivate: true });
  return found[0] ?? null;
}

export async function findResource(db: Executor, id: string): Promise<{ resource: Resource; dataset: Dataset } | null> {
  if (!isUuid(id)) return null;
  const row = await db.selectFrom('open_data_resources').select('dataset_id').where('id', '=', id).where('state', '=', 'active').executeTakeFirst();
  if (!row) return null;
  const dataset = (await loadDatasets(db, { ids: [row.dataset_id], includePrivate: true }))[0];
  const resource = dataset?.resources.find((r) => r.id === id);
  return dataset && resource ? { dataset, resource } : null;
}

export function listGroups(db: Executor): Promise<Group[]> {
  return db
    .selectFrom('open_data_groups')
    .select(['id', 'name', 'title', 'description', 'eu_theme as euTheme', 'created_at as createdAt'])
    .orderBy('title')
    .execute();
}

export function listOrganizations(db: Executor): Promise<Organization[]> {
  return db.selectFrom('core_entities').select(['code', 'acronym', 'name']).orderBy('name').execute();
}
