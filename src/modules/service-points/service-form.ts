import type { FieldErrors } from '../../core/http/errors.ts';
import { CHANNELS, COST_KINDS, type Channel, type CostKind } from './service-points.schema.ts';

/** The catalogue entry form's fields, exactly as typed. */
export interface ServiceValues {
  name: string;
  slug: string;
  summary: string;
  entity: string;
  requirements: string;
  cost_kind: string;
  cost_cop: string;
  cost_note: string;
  channel: string;
  online_url: string;
  source_url: string;
}

export const SERVICE_FIELDS = ['name', 'slug', 'summary', 'entity', 'requirements', 'cost_kind', 'cost_cop', 'cost_note', 'channel', 'online_url', 'source_url'] as const satisfies readonly (keyof ServiceValues)[];

export interface ServiceInput {
  name: string;
  slug: string;
  summary: string;
  entityCode: string;
  requirements: string[];
  costKind: CostKind;
  costCop: string | null;
  costNote: string;
  channel: Channel;
  onlineUrl: string | null;
  sourceUrl: string | null;
}

const err = (key: string, vars?: Record<string, string | number>) => ({ key: `service-points.admin.errors.${key}`, vars });

function isUrl(value: string, schemes: string[]): boolean {
  try {
    const url = new URL(value);
    return schemes.includes(url.protocol) && Boolean(url.hostname);
  } catch {
    return false;
  }
}

/** Reads the catalogue entry form; `entityCodes` are the entities the person may file entries for. */
export function parseServiceForm(body: Record<string, unknown>): { values: ServiceValues; input: ServiceInput | null; errors: FieldErrors } {
  const values = Object.fromEntries(SERVICE_FIELDS.map((f) => [f, typeof body[f] === 'string' ? (body[f] as string).trim() : ''])) as unknown as ServiceValues;
  const errors: FieldErrors = {};
  if (values.name.length < 3 || values.name.length > 160) errors.name = err('name', { min: 3, max: 160 });
  if (!/^[a-z0-9][a-z0-9-]{1,79}$/.test(values.slug)) errors.slug = err('slug');
  if (values.summary.length > 2000) errors.summary = err('too_long', { max: 2000 });
  if (!/^[a-z][a-z0-9-]{0,59}$/.test(values.entity)) errors.entity = err('entity');
  // One requirement per line; blank lines ignored.
  const requirements = values.requirements.split(/\r?\n/).map((r) => r.trim()).filter(Boolean);
  if (requirements.length > 30 || requirements.some((r) => r.length > 300)) errors.requirements = err('requirements', { lines: 30, max: 300 });
  if (!(COST_KINDS as readonly string[]).includes(values.cost_kind)) errors.cost_kind = err('cost_kind');
  let costCop: string | null = null;
  if (values.cost_kind === 'fixed') {
    const digits = values.cost_cop.replace(/[.\s$]/g, '');
    if (!/^[1-9]\d{0,13}$/.test(digits)) errors.cost_cop = err('cost_cop');
    else costCop = digits;
  }
  if (values.cost_note.length > 300) errors.cost_note = err('too_long', { max: 300 });
  if (!(CHANNELS as readonly string[]).includes(values.channel)) errors.channel = err('channel');
  if (values.online_url && !isUrl(values.online_url, ['https:'])) errors.online_url = err('https_url');
  else if (!values.online_url && (values.channel === 'online' || values.channel === 'both')) errors.online_url = err('online_url_required');
  if (values.source_url && !isUrl(values.source_url, ['https:', 'http:'])) errors.source_url = err('url');
  if (Object.keys(errors).length) return { values, input: null, errors };
  return {
    values,
    input: {
      name: values.name,
      slug: values.slug,
      summary: values.summary,
      entityCode: values.entity,
      requirements,
      costKind: values.cost_kind as CostKind,
      costCop,
      costNote: values.cost_note,
      channel: values.channel as Channel,
      onlineUrl: values.online_url || null,
      sourceUrl: values.source_url || null,
    },
    errors,
  };
}
