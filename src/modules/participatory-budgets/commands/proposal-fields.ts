/**
 * Reading and checking the fields of the four steps of "Registra tu propuesta". Each reader takes
 * the raw form body, returns what is valid as column values, and adds an error per bad field (i18n
 * key) so the page can show it next to the field with what the person typed.
 */
import type { FieldErrors } from '../../../core/http/errors.ts';
import { locateLocalidad } from '../../../core/geo/locate.ts';
import type { ReferenceOptions, SubEnvelopeRow } from '../proposals.queries.ts';

export type FormBody = Record<string, unknown>;

/** An uploaded file as the multipart reader hands it over (see proposal-uploads.ts). */
export interface UploadedImage {
  filename: string;
  mimetype: string;
  data: Buffer;
  truncated: boolean;
}

export const IMAGE_MAX_BYTES = 2 * 1024 * 1024;
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

const E = (key: string, vars?: Record<string, string | number>) => ({ key: `participatory-budgets.proposals.errors.${key}`, ...(vars ? { vars } : {}) });

export const field = (body: FormBody, name: string): string => {
  const value = body[name];
  return typeof value === 'string' ? value.trim() : '';
};

/** Text with normalised line endings; `min` 0 makes it optional. */
function readText(body: FormBody, errors: FieldErrors, name: string, min: number, max: number): string | undefined {
  const text = field(body, name).replace(/\r\n?/g, '\n');
  if (!text && min > 0) errors[name] = E('required');
  else if (text && text.length < min) errors[name] = E('too_short', { min });
  else if (text.length > max) errors[name] = E('too_long', { max });
  else return text;
  return undefined;
}

/**
 * The file type from its first bytes: what the browser claims can be wrong or forged, and only
 * these three formats are shown as images.
 */
export function sniffImageType(data: Buffer): (typeof IMAGE_TYPES)[number] | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export interface DescriptionInput {
  title: string;
  description: string;
  topic_code: string;
  goal_code: string | null;
  concept_code: string;
  guiding_question: string;
  keywords: string;
  image_alt: string;
  /** A new image to store (type checked), or null to remove the current one, or undefined to keep it. */
  image: { data: Buffer; mediaType: string; filename: string } | null | undefined;
}

/** Step 1, "Descripción". `hasImage`: the proposal already has one (kept unless removed or replaced). */
export function readDescription(body: FormBody, errors: FieldErrors, options: ReferenceOptions, hasImage: boolean): DescriptionInput | null {
  const title = readText(body, errors, 'title', 5, 200);
  const description = readText(body, errors, 'description', 20, 10_000);
  const topic = field(body, 'topic_code');
  if (!topic) errors.topic_code = E('choose_topic');
  else if (!options.topics.some((t) => t.code === topic)) errors.topic_code = E('invalid_option');
  const goal = field(body, 'goal_code');
  const goalRow = goal ? options.goals.find((g) => g.code === goal) : undefined;
  if (goal && !goalRow) errors.goal_code = E('invalid_option');
  else if (goalRow && topic && goalRow.topic_code !== topic) {
    errors.goal_code = E('goal_topic', { topic: options.topics.find((t) => t.code === goalRow.topic_code)?.name ?? goalRow.topic_code });
  }
  const concept = field(body, 'concept_code');
  if (!concept) errors.concept_code = E('choose_concept');
  else if (!options.concepts.some((c) => c.code === concept)) errors.concept_code = E('invalid_option');
  const guidingQuestion = readText(body, errors, 'guiding_question', 0, 500);
  const keywords = readText(body, errors, 'keywords', 0, 300);

  let image: DescriptionInput['image'];
  const upload = body.image as UploadedImage | undefined;
  const removing = field(body, 'remove_image') === '1';
  if (upload && typeof upload === 'object' && upload.filename) {
    const type = upload.truncated ? null : sniffImageType(upload.data);
    if (upload.truncated || upload.data.length > IMAGE_MAX_BYTES) errors.image = E('image_too_large', { max: '2 MB' });
    else if (upload.data.length === 0) errors.image = E('image_empty');
    else if (!type) errors.image = E('image_type');
    else image = { data: upload.data, mediaType: type, filename: upload.filename };
  } else if (removing) image = null;
  const willHaveImage = image !== null && (image !== undefined || hasImage) && !errors.image;
  const alt = readText(body, errors, 'image_alt', willHaveImage ? 3 : 0, 300);
  if (errors.image || Object.keys(errors).length > 0) return null;
  return {
    title: title!,
    description: description!,
    topic_code: topic,
    goal_code: goal || null,
    concept_code: concept,
    guiding_question: guidingQuestion ?? '',
    keywords: keywords ?? '',
    image_alt: willHaveImage ? (alt ?? '') : '',
    image,
  };
}

const COORDINATE = /^-?\d{1,3}([.,]\d{1,12})?$/;

function readCoordinate(body: FormBody, errors: FieldErrors, name: 'latitude' | 'longitude', limit: number): number | null | undefined {
  const raw = field(body, name);
  if (!raw) return null;
  if (!COORDINATE.test(raw)) {
    errors[name] = E('coordinate_format');
    return undefined;
  }
  const value = Number(raw.replace(',', '.'));
  if (Math.abs(value) > limit) {
    errors[name] = E(name === 'latitude' ? 'latitude_range' : 'longitude_range');
    return undefined;
  }
  // numeric(9, 6): about 10 cm, more than enough to place a project.
  return Math.round(value * 1e6) / 1e6;
}

export interface IdeaInput {
  activities: string;
  latitude: number | null;
  longitude: number | null;
  location_label: string;
}

/**
 * Step 2, "La idea". Coordinates are optional but come in pairs, and must fall inside the
 * envelope's localidad (`localidad` null: an imported election without a map, no check).
 */
export function readIdea(body: FormBody, errors: FieldErrors, localidad: { code: string; name: string } | null): IdeaInput | null {
  const activities = readText(body, errors, 'activities', 20, 5000);
  const latitude = readCoordinate(body, errors, 'latitude', 90);
  const longitude = readCoordinate(body, errors, 'longitude', 180);
  if (latitude === null && longitude !== null && longitude !== undefined) errors.latitude = E('coordinate_pair');
  if (longitude === null && latitude !== null && latitude !== undefined) errors.longitude = E('coordinate_pair');
  if (typeof latitude === 'number' && typeof longitude === 'number' && localidad) {
    const found = locateLocalidad(longitude, latitude);
    if (!found) errors.latitude = E('outside_bogota');
    else if (found.code !== localidad.code) errors.latitude = E('outside_localidad', { found: found.name, localidad: localidad.name });
  }
  const label = readText(body, errors, 'location_label', 0, 300);
  if (Object.keys(errors).length > 0) return null;
  return { activities: activities!, latitude: latitude ?? null, longitude: longitude ?? null, location_label: label ?? '' };
}

/**
 * Whole pesos as people write them: "25000000", "25.000.000", "$ 25 000 000". Cents are not
 * accepted: local budgets are set in whole pesos.
 */
export function parsePesos(raw: string): bigint | null {
  const text = raw.replace(/^\$\s*/, '').replace(/\s+/g, ' ').trim();
  if (/^\d+$/.test(text)) return BigInt(text);
  if (/^\d{1,3}([., ]\d{3})+$/.test(text)) return BigInt(text.replace(/[., ]/g, ''));
  return null;
}

export interface CostInput {
  organisation: string;
  estimated_cost: string;
  sub_envelope_id: string | null;
}

/** Step 3, "Organización y costo": the cost fits the envelope (or the chosen sub-envelope). */
export function readCost(body: FormBody, errors: FieldErrors, envelopeAmount: string, subEnvelopes: SubEnvelopeRow[], formatAmount: (amount: string) => string): CostInput | null {
  const organisation = readText(body, errors, 'organisation', 0, 200);
  let subEnvelope: SubEnvelopeRow | undefined;
  if (subEnvelopes.length > 0) {
    const id = field(body, 'sub_envelope_id');
    subEnvelope = subEnvelopes.find((s) => s.id === id);
    if (!id) errors.sub_envelope_id = E('choose_sub_envelope');
    else if (!subEnvelope) errors.sub_envelope_id = E('invalid_option');
  }
  const raw = field(body, 'estimated_cost');
  const limit = subEnvelope?.amount ?? envelopeAmount;
  const cost = raw ? parsePesos(raw) : null;
  if (!raw) errors.estimated_cost = E('required');
  else if (cost === null) errors.estimated_cost = E('cost_format');
  else if (cost < 1n) errors.estimated_cost = E('cost_minimum');
  else if (cost > BigInt(limit.split('.')[0]!)) errors.estimated_cost = E(subEnvelope ? 'cost_above_sub_envelope' : 'cost_above_envelope', { amount: formatAmount(limit) });
  if (Object.keys(errors).length > 0) return null;
  return { organisation: organisation ?? '', estimated_cost: cost!.toString(), sub_envelope_id: subEnvelope?.id ?? null };
}

/** What step 4 checks before submitting: every required field of steps 1 to 3, by step. */
export function missingForSubmission(p: {
  title: string;
  description: string;
  topic_code: string | null;
  concept_code: string | null;
  activities: string;
  estimated_cost: string;
  sub_envelope_id: string | null;
  image_file_id: string | null;
  image_alt: string;
}, hasSubEnvelopes: boolean): { step: 1 | 2 | 3; field: string }[] {
  const missing: { step: 1 | 2 | 3; field: string }[] = [];
  if (p.description.length < 20) missing.push({ step: 1, field: 'description' });
  if (!p.topic_code) missing.push({ step: 1, field: 'topic_code' });
  if (!p.concept_code) missing.push({ step: 1, field: 'concept_code' });
  if (p.image_file_id && p.image_alt.length < 3) missing.push({ step: 1, field: 'image_alt' });
  if (p.activities.length < 20) missing.push({ step: 2, field: 'activities' });
  if (BigInt(p.estimated_cost.split('.')[0]!) < 1n) missing.push({ step: 3, field: 'estimated_cost' });
  if (hasSubEnvelopes && !p.sub_envelope_id) missing.push({ step: 3, field: 'sub_envelope_id' });
  return missing;
}
