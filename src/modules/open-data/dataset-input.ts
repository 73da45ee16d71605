import { EXTRA_FIELDS, FREQUENCIES, LICENCES } from './catalogue.data.ts';

/**
 * One validation for both doors into the catalogue: the officials' form and the CKAN write actions
 * (package_create/update/patch). Field names are CKAN's; errors are codes, which the form turns
 * into Spanish messages and the API into CKAN's English ones ("Missing value").
 */
export type InputProblem = 'missing' | 'invalid' | 'too_long' | 'taken' | 'unknown_org' | 'unknown_group' | 'unknown_licence' | 'unknown_localidad' | 'bad_range';
export type InputErrors = Record<string, InputProblem>;

export interface DatasetInput {
  name: string;
  title: string;
  notes: string;
  ownerOrg: string;
  groupName: string;
  licenseId: string;
  frequency: string;
  localidades: string[];
  temporalStart: string | null;
  temporalEnd: string | null;
  contactName: string;
  contactEmail: string;
  tags: string[];
  extras: Record<string, string>;
  private: boolean;
}

export const NAME_PATTERN = /^[a-z0-9_-]{2,100}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');

/** Tags given as CKAN dicts ([{name}]), a list of strings or a comma-separated string. */
export function tagNames(value: unknown): string[] {
  const list = Array.isArray(value) ? value.map((v) => (typeof v === 'object' && v !== null ? text((v as { name?: unknown }).name) : text(v))) : text(value).split(',');
  return [...new Set(list.map((t) => t.trim().toLowerCase()).filter(Boolean))];
}

/** The first group's name, from CKAN's `groups: [{name}]` or a plain `group` field. */
function groupName(raw: Record<string, unknown>): string {
  if (Array.isArray(raw.groups) && raw.groups.length > 0) {
    const g = raw.groups[0] as unknown;
    return typeof g === 'object' && g !== null ? text((g as { name?: unknown }).name ?? (g as { id?: unknown }).id) : text(g);
  }
  return text(raw.group);
}

/** CKAN extras come as [{key, value}]; the form sends them as `extra:<key>` fields. */
function extrasOf(raw: Record<string, unknown>): Record<string, string> {
  const extras: Record<string, string> = {};
  if (Array.isArray(raw.extras)) {
    for (const e of raw.extras as unknown[]) {
      if (typeof e === 'object' && e !== null) {
        const key = text((e as { key?: unknown }).key);
        const value = text((e as { value?: unknown }).value);
        if (key && value) extras[key] = value;
      }
    }
  }
  for (const field of EXTRA_FIELDS) {
    const value = text(raw[`extra:${field}`]);
    if (value) extras[field] = value;
  }
  return extras;
}

function localidadesOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value.map(text) : text(value).split(',');
  return [...new Set(list.map((v) => v.trim()).filter(Boolean))].sort();
}

const bool = (value: unknown) => value === true || value === 'true' || value === 'on' || value === '1' || value === 'True';

export function parseDatasetInput(raw: Record<string, unknown>, known: { localidades: ReadonlySet<string> }): { ok: true; value: DatasetInput } | { ok: false; errors: InputErrors } {
  const errors: InputErrors = {};
  const name = text(raw.name).toLowerCase();
  if (!name) errors.name = 'missing';
  else if (!NAME_PATTERN.test(name)) errors.name = 'invalid';
  const title = text(raw.title);
  if (!title) errors.title = 'missing';
  else if (title.length > 300) errors.title = 'too_long';
  const notes = text(raw.notes);
  if (!notes) errors.notes = 'missing';
  else if (notes.length > 20000) errors.notes = 'too_long';
  const ownerOrg = text(raw.owner_org);
  if (!ownerOrg) errors.owner_org = 'missing';
  const group = groupName(raw);
  if (!group) errors.groups = 'missing';
  const licenseId = text(raw.license_id);
  if (!licenseId) errors.license_id = 'missing';
  else if (!LICENCES.some((l) => l.id === licenseId)) errors.license_id = 'unknown_licence';
  const frequency = text(raw.frequency) || 'IRREG';
  if (!(FREQUENCIES as readonly string[]).includes(frequency)) errors.frequency = 'invalid';
  const localidades = localidadesOf(raw.localidades);
  if (localidades.some((l) => !known.localidades.has(l))) errors.localidades = 'unknown_localidad';
  const temporalStart = text(raw.temporal_start) || null;
  const temporalEnd = text(raw.temporal_end) || null;
  if (temporalStart && !DAY.test(temporalStart)) errors.temporal_start = 'invalid';
  if (temporalEnd && !DAY.test(temporalEnd)) errors.temporal_end = 'invalid';
  else if (temporalStart && temporalEnd && temporalEnd < temporalStart) errors.temporal_end = 'bad_range';
  const contactName = text(raw.maintainer);
  if (!contactName) errors.maintainer = 'missing';
  const contactEmail = text(raw.maintainer_email);
  if (!contactEmail) errors.maintainer_email = 'missing';
  else if (!EMAIL.test(contactEmail)) errors.maintainer_email = 'invalid';
  const tags = tagNames(raw.tags);
  if (tags.some((t) => t.length < 2 || t.length > 100)) errors.tags = 'invalid';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { name, title, notes, ownerOrg, groupName: group, licenseId, frequency, localidades, temporalStart, temporalEnd, contactName, contactEmail, tags, extras: extrasOf(raw), private: bool(raw.private) },
  };
}

/** CKAN's wording of each problem (its validators' messages). */
export const CKAN_MESSAGES: Record<InputProblem, string> = {
  missing: 'Missing value',
  invalid: 'Invalid value',
  too_long: 'Value too long',
  taken: 'That URL is already in use.',
  unknown_org: 'Organization does not exist',
  unknown_group: 'Group does not exist',
  unknown_licence: 'License not found',
  unknown_localidad: 'Unknown localidad code',
  bad_range: 'End date before start date',
};
