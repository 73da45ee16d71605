/**
 * Reading and checking the community's forms. Each reader returns the values as typed (so a page
 * that comes back with errors keeps them), the checked fields, and one error per bad field as an
 * i18n key, shown next to the field and in the summary.
 */
import type { FieldErrors } from '../../../core/http/errors.ts';
import { REUSE_KINDS, type ReuseKind } from '../open-data.schema.ts';

export type FormBody = Record<string, unknown>;

const E = (key: string, vars?: Record<string, string | number>) => ({ key: `open-data.community.errors.${key}`, ...(vars ? { vars } : {}) });

export const field = (body: FormBody, name: string): string => (typeof body[name] === 'string' ? (body[name] as string) : '');

/** Every value of a repeated field (checkboxes), strings only. */
export const fieldList = (body: FormBody, name: string): string[] =>
  (Array.isArray(body[name]) ? (body[name] as unknown[]) : [body[name]]).filter((v): v is string => typeof v === 'string' && v !== '');

/** Text with normalised line endings and outer spaces removed; `min` 0 makes it optional. */
export function readText(body: FormBody, errors: FieldErrors, name: string, min: number, max: number): string {
  const text = field(body, name).replace(/\r\n?/g, '\n').trim();
  if (!text && min > 0) errors[name] = E('required');
  else if (text && text.length < min) errors[name] = E('too_short', { min });
  else if (text.length > max) errors[name] = E('too_long', { max });
  return text;
}

/** An absolute http(s) address with a real host name, as people can follow it. */
export function isWebAddress(value: string): boolean {
  if (value.length > 500) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.') && !/\s/.test(value);
  } catch {
    return false;
  }
}

export interface RequestFields {
  title: string;
  description: string;
  purpose: string;
  entityCode: string | null;
  localidadCode: string | null;
}

/** The "ask for a dataset" form: title, description, what for; the entity and localidad are optional. */
export function readRequestForm(body: FormBody, known: { entities: ReadonlySet<string>; localidades: ReadonlySet<string> }) {
  const errors: FieldErrors = {};
  const values = { title: field(body, 'title'), description: field(body, 'description'), purpose: field(body, 'purpose'), entity: field(body, 'entity'), localidad: field(body, 'localidad') };
  const title = readText(body, errors, 'title', 5, 200);
  const description = readText(body, errors, 'description', 10, 4000);
  const purpose = readText(body, errors, 'purpose', 0, 2000);
  if (values.entity && !known.entities.has(values.entity)) errors.entity = E('unknown_option');
  if (values.localidad && !known.localidades.has(values.localidad)) errors.localidad = E('unknown_option');
  const fields: RequestFields | null =
    Object.keys(errors).length > 0 ? null : { title, description, purpose, entityCode: values.entity || null, localidadCode: values.localidad || null };
  return { values, fields, errors };
}

export const ANSWER_STATUSES = ['planned', 'published', 'declined'] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];

/** An official's answer: the new state; a rejection needs its public reason, "published" the dataset. */
export function readAnswerForm(body: FormBody, datasets: ReadonlyMap<string, string>) {
  const errors: FieldErrors = {};
  const values = { status: field(body, 'status'), answer: field(body, 'answer'), dataset: field(body, 'dataset') };
  const status = (ANSWER_STATUSES as readonly string[]).includes(values.status) ? (values.status as AnswerStatus) : null;
  if (!status) errors.status = E('required');
  const answer = readText(body, errors, 'answer', status === 'declined' ? 10 : 0, 4000);
  const datasetId = status === 'published' ? (datasets.get(values.dataset) ?? null) : null;
  if (status === 'published' && !datasetId) errors.dataset = E(values.dataset ? 'unknown_option' : 'dataset_required');
  const fields = Object.keys(errors).length > 0 || !status ? null : { status, answer: answer || null, datasetId };
  return { values, fields, errors };
}

export interface ReuseFields {
  title: string;
  description: string;
  kind: ReuseKind;
  url: string;
  datasetIds: string[];
}

export const MAX_REUSE_DATASETS = 20;

/** A reuse: title, description, kind, an http(s) address and at least one dataset of the catalogue. */
export function readReuseForm(body: FormBody, datasets: ReadonlyMap<string, string>) {
  const errors: FieldErrors = {};
  const chosen = [...new Set(fieldList(body, 'datasets'))];
  const values = { title: field(body, 'title'), description: field(body, 'description'), kind: field(body, 'kind'), url: field(body, 'url').trim(), datasets: chosen };
  const title = readText(body, errors, 'title', 3, 200);
  const description = readText(body, errors, 'description', 10, 4000);
  const kind = (REUSE_KINDS as readonly string[]).includes(values.kind) ? (values.kind as ReuseKind) : null;
  if (!kind) errors.kind = E('required');
  if (!values.url) errors.url = E('required');
  else if (!isWebAddress(values.url)) errors.url = E('bad_url');
  const datasetIds = chosen.map((name) => datasets.get(name)).filter((id): id is string => Boolean(id));
  if (chosen.length === 0) errors.datasets = E('datasets_required');
  else if (chosen.length > MAX_REUSE_DATASETS) errors.datasets = E('too_many_datasets', { max: MAX_REUSE_DATASETS });
  else if (datasetIds.length !== chosen.length) errors.datasets = E('unknown_option');
  const fields: ReuseFields | null = Object.keys(errors).length > 0 || !kind ? null : { title, description, kind, url: values.url, datasetIds };
  return { values, fields, errors };
}

/** A moderator's or reporter's reason: 3 to 500 characters. */
export function readReason(body: FormBody) {
  const errors: FieldErrors = {};
  const reason = readText(body, errors, 'reason', 3, 500);
  return { reason, errors };
}
