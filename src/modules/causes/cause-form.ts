/**
 * Reading and checking the cause form (create and edit). Returns the values as typed (to show them
 * again), the checked fields, and one error per bad field as an i18n key, so the page can say what
 * is wrong next to each field and keep everything the person wrote.
 */
import type { FieldErrors } from '../../core/http/errors.ts';
import { isTopic } from './topics.ts';

export type FormBody = Record<string, unknown>;

export const TEXT_FIELDS = ['title', 'problem', 'evidence', 'links', 'localidad', 'topic_code', 'target_entity_code'] as const;
export type CauseFormValues = Record<(typeof TEXT_FIELDS)[number], string>;

export interface CauseFields {
  title: string;
  problem: string;
  evidence: string;
  links: string[];
  localidad_code: string | null;
  topic_code: string;
  target_entity_code: string | null;
}

/** An uploaded file as the multipart reader hands it over (see uploads.ts). */
export interface UploadedFile {
  filename: string;
  mimetype: string;
  data: Buffer;
  truncated: boolean;
}

export const EVIDENCE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const FILE_MAX_BYTES = 5 * 1024 * 1024;
export const MAX_FILES = 5;
export const MAX_LINKS = 10;
/** The value of the scope select meaning "the whole city". */
export const WHOLE_CITY = 'ciudad';

const E = (key: string, vars?: Record<string, string | number>) => ({ key: `causes.form.errors.${key}`, ...(vars ? { vars } : {}) });

export const field = (body: FormBody, name: string): string => {
  const value = body[name];
  return typeof value === 'string' ? value : '';
};

/** Every value of a repeated field (checkboxes, hidden lists), strings only. */
export const fieldList = (body: FormBody, name: string): string[] => {
  const value = body[name];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');
};

/** Text with normalised line endings and outer spaces removed; `min` 0 makes it optional. */
export function readText(body: FormBody, errors: FieldErrors, name: string, min: number, max: number): string {
  const text = field(body, name).replace(/\r\n?/g, '\n').trim();
  if (!text && min > 0) errors[name] = E('required');
  else if (text && text.length < min) errors[name] = E('too_short', { min });
  else if (text.length > max) errors[name] = E('too_long', { max });
  return text;
}

/** One address per line, http or https, at most MAX_LINKS. */
function readLinks(body: FormBody, errors: FieldErrors): string[] {
  const lines = field(body, 'links')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length > MAX_LINKS) {
    errors.links = E('too_many_links', { max: MAX_LINKS });
    return [];
  }
  for (const line of lines) {
    let ok = false;
    try {
      const url = new URL(line);
      ok = (url.protocol === 'https:' || url.protocol === 'http:') && line.length <= 500 && Boolean(url.hostname.includes('.'));
    } catch {
      ok = false;
    }
    if (!ok) {
      errors.links = E('bad_link', { link: line.length > 60 ? `${line.slice(0, 57)}…` : line });
      return [];
    }
  }
  return [...new Set(lines)];
}

/** Checks the text fields of the form against the known localidades and entities. */
export function readCauseForm(body: FormBody, known: { localidades: ReadonlySet<string>; entities: ReadonlySet<string> }): { values: CauseFormValues; fields: CauseFields | null; errors: FieldErrors } {
  const values = Object.fromEntries(TEXT_FIELDS.map((name) => [name, field(body, name)])) as CauseFormValues;
  const errors: FieldErrors = {};
  const title = readText(body, errors, 'title', 10, 150);
  const problem = readText(body, errors, 'problem', 30, 10_000);
  const evidence = readText(body, errors, 'evidence', 0, 10_000);
  const links = readLinks(body, errors);
  const scope = values.localidad.trim();
  if (!scope) errors.localidad = E('choose_scope');
  else if (scope !== WHOLE_CITY && !known.localidades.has(scope)) errors.localidad = E('invalid_option');
  const topic = values.topic_code.trim();
  if (!topic) errors.topic_code = E('choose_topic');
  else if (!isTopic(topic)) errors.topic_code = E('invalid_option');
  const entity = values.target_entity_code.trim();
  if (entity && !known.entities.has(entity)) errors.target_entity_code = E('invalid_option');
  if (Object.keys(errors).length > 0) return { values, fields: null, errors };
  return {
    values,
    fields: { title, problem, evidence, links, localidad_code: scope === WHOLE_CITY ? null : scope, topic_code: topic, target_entity_code: entity || null },
    errors,
  };
}

/**
 * The file type from its first bytes: what the browser claims can be wrong or forged, and only
 * these three formats are accepted as evidence.
 */
export function sniffEvidenceType(data: Buffer): (typeof EVIDENCE_TYPES)[number] | null {
  if (data.length >= 5 && data.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

export interface CheckedFile {
  data: Buffer;
  mediaType: (typeof EVIDENCE_TYPES)[number];
  filename: string;
}

/** The files chosen in a file input (none chosen: the browser sends one part without a name). */
export function uploadsOf(body: FormBody, name = 'files'): UploadedFile[] {
  const value = body[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((f): f is UploadedFile => typeof f === 'object' && f !== null && typeof (f as UploadedFile).filename === 'string' && (f as UploadedFile).filename !== '');
}

/**
 * Checks new uploads: PDF, JPEG or PNG by content, 5 MB each, and at most MAX_FILES together with
 * the `alreadyAttached` ones. The first problem found is reported on the `files` field.
 */
export function checkUploads(uploads: UploadedFile[], errors: FieldErrors, alreadyAttached: number, fieldName = 'files'): CheckedFile[] {
  if (uploads.length + alreadyAttached > MAX_FILES) {
    errors[fieldName] = E('too_many_files', { max: MAX_FILES });
    return [];
  }
  const checked: CheckedFile[] = [];
  for (const upload of uploads) {
    const name = upload.filename.slice(-80);
    if (upload.truncated || upload.data.length > FILE_MAX_BYTES) errors[fieldName] = E('file_too_large', { name, max: '5 MB' });
    else if (upload.data.length === 0) errors[fieldName] = E('file_empty', { name });
    else {
      const type = sniffEvidenceType(upload.data);
      if (!type) errors[fieldName] = E('file_type', { name });
      else {
        checked.push({ data: upload.data, mediaType: type, filename: upload.filename });
        continue;
      }
    }
    return [];
  }
  return checked;
}
