import { licenceOf } from '../catalogue.data.ts';
import type { Dataset, Group, Organization, Resource } from '../catalogue.queries.ts';
import { resourceDownloadPath } from '../paths.ts';

/** CKAN writes timestamps as ISO 8601 in UTC without a zone, with microseconds. */
export const ckanTime = (d: Date) => `${d.toISOString().slice(0, 23)}000`;

/** Absolute URL of a resource: its link, or where its file is downloaded. */
export function resourceUrl(dataset: Pick<Dataset, 'name'>, r: Resource, baseUrl: string): string {
  const url = r.url ?? resourceDownloadPath(dataset.name, r.id);
  return url.startsWith('/') ? `${baseUrl}${url}` : url;
}

export function organizationDict(o: Organization, baseUrl: string, packageCount?: number) {
  return {
    id: o.code,
    name: o.code,
    title: o.name,
    display_name: o.name,
    description: '',
    image_url: '',
    image_display_url: '',
    created: '2026-01-01T00:00:00.000000',
    is_organization: true,
    approval_status: 'approved',
    state: 'active',
    type: 'organization',
    acronym: o.acronym,
    url: `${baseUrl}/datos?entidad=${encodeURIComponent(o.code)}`,
    ...(packageCount === undefined ? {} : { package_count: packageCount }),
  };
}

export function groupDict(g: Group, packageCount?: number) {
  return {
    id: g.id,
    name: g.name,
    title: g.title,
    display_name: g.title,
    description: g.description,
    image_url: '',
    image_display_url: '',
    created: ckanTime(g.createdAt),
    is_organization: false,
    approval_status: 'approved',
    state: 'active',
    type: 'group',
    ...(packageCount === undefined ? {} : { package_count: packageCount }),
  };
}

export function resourceDict(dataset: Dataset, r: Resource, baseUrl: string) {
  return {
    id: r.id,
    package_id: dataset.id,
    url: resourceUrl(dataset, r, baseUrl),
    name: r.name,
    description: r.description,
    format: r.format,
    mimetype: r.mimetype,
    mimetype_inner: null,
    size: r.size,
    hash: '',
    created: ckanTime(r.createdAt),
    last_modified: ckanTime(r.modifiedAt),
    metadata_modified: ckanTime(r.modifiedAt),
    position: r.position,
    state: 'active',
    url_type: r.fileId ? 'upload' : null,
    resource_type: null,
    cache_url: null,
    cache_last_updated: null,
    datastore_active: r.datastoreActive,
  };
}

/** The dataset as CKAN's package_show returns it (core keys, plus the portal's extras). */
export function packageDict(d: Dataset, baseUrl: string) {
  const licence = licenceOf(d.licenseId);
  const extras = [
    ...Object.entries(d.extras).map(([key, value]) => ({ key, value })),
    { key: 'frequency', value: d.frequency },
    { key: 'spatial_localidades', value: d.localidades.join(',') },
    ...(d.temporalStart ? [{ key: 'temporal_start', value: d.temporalStart }] : []),
    ...(d.temporalEnd ? [{ key: 'temporal_end', value: d.temporalEnd }] : []),
  ];
  return {
    id: d.id,
    name: d.name,
    title: d.title,
    notes: d.notes,
    author: d.organization.name,
    author_email: null,
    maintainer: d.contactName,
    maintainer_email: d.contactEmail,
    license_id: d.licenseId,
    license_title: licence.title,
    license_url: licence.url,
    isopen: licence.isOpen,
    url: `${baseUrl}/datos/conjuntos/${d.name}`,
    version: String(d.version),
    state: d.state,
    type: 'dataset',
    private: d.private,
    metadata_created: ckanTime(d.createdAt),
    metadata_modified: ckanTime(d.modifiedAt),
    creator_user_id: d.createdBy,
    owner_org: d.organization.code,
    organization: organizationDict(d.organization, baseUrl),
    groups: [groupDict(d.group)],
    tags: d.tags.map((t) => ({ id: t.id, name: t.name, display_name: t.name, state: 'active', vocabulary_id: null })),
    num_tags: d.tags.length,
    resources: d.resources.map((r) => resourceDict(d, r, baseUrl)),
    num_resources: d.resources.length,
    extras,
    frequency: d.frequency,
    localidades: d.localidades,
    temporal_start: d.temporalStart,
    temporal_end: d.temporalEnd,
    relationships_as_subject: [],
    relationships_as_object: [],
  };
}
