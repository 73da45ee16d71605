import { LOCALIDADES } from '../../core/geo/localidades.data.ts';
import type { FieldErrors } from '../../core/http/errors.ts';
import { parseBogotaDateTime, toBogotaInput } from './state.ts';

/** The settings form exactly as typed (re-rendered on errors). */
export interface ConsultationFormValues {
  title: string;
  description: string;
  entity: string;
  opens_at: string;
  closes_at: string;
  min_level: string;
  min_age: string;
  localidades: string[];
  secret: string;
  allow_edit: string;
}

export const CONSULTATION_FIELDS = ['title', 'description', 'entity', 'opens_at', 'closes_at', 'min_level', 'min_age', 'localidades', 'secret', 'allow_edit'] as const;

export interface ConsultationInput {
  title: string;
  description: string;
  entityCode: string;
  opensAt: Date;
  closesAt: Date;
  minLevel: 'identity' | 'residence';
  minAge: number;
  localidades: string[];
  secret: boolean;
  allowEdit: boolean;
}

export function emptyConsultationForm(entity = ''): ConsultationFormValues {
  return { title: '', description: '', entity, opens_at: '', closes_at: '', min_level: 'identity', min_age: '14', localidades: [], secret: 'yes', allow_edit: '' };
}

export function consultationFormOf(c: {
  title: string;
  description: string;
  entity_code: string;
  opens_at: Date;
  closes_at: Date;
  min_level: string;
  min_age: number;
  localidades: string[];
  secret: boolean;
  allow_edit: boolean;
}): ConsultationFormValues {
  return {
    title: c.title,
    description: c.description,
    entity: c.entity_code,
    opens_at: toBogotaInput(c.opens_at),
    closes_at: toBogotaInput(c.closes_at),
    min_level: c.min_level,
    min_age: String(c.min_age),
    localidades: c.localidades,
    secret: c.secret ? 'yes' : 'no',
    allow_edit: c.allow_edit ? 'yes' : '',
  };
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const list = (value: unknown) => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string');

/**
 * Reads the settings form into typed input, or the errors of every bad field. `entities` are the
 * codes the person may choose (the entities they are an official of).
 */
export function parseConsultationForm(body: Record<string, unknown>, entities: readonly string[], now = new Date()): { values: ConsultationFormValues; input: ConsultationInput | null; errors: FieldErrors } {
  const values: ConsultationFormValues = {
    title: text(body.title),
    description: typeof body.description === 'string' ? body.description.replace(/\r\n?/g, '\n').trim() : '',
    entity: text(body.entity),
    opens_at: text(body.opens_at),
    closes_at: text(body.closes_at),
    min_level: text(body.min_level),
    min_age: text(body.min_age),
    localidades: list(body.localidades),
    secret: text(body.secret),
    allow_edit: text(body.allow_edit),
  };
  const errors: FieldErrors = {};
  const fail = (field: keyof ConsultationFormValues, key: string, vars?: Record<string, string | number>) => {
    errors[field] ??= { key: `consultations.admin.errors.${key}`, vars };
  };
  if (values.title.length < 3 || values.title.length > 200) fail('title', 'title');
  if (values.description.length > 20000) fail('description', 'description');
  if (!entities.includes(values.entity)) fail('entity', 'entity');
  const opensAt = parseBogotaDateTime(values.opens_at);
  const closesAt = parseBogotaDateTime(values.closes_at);
  if (!opensAt) fail('opens_at', 'datetime');
  if (!closesAt) fail('closes_at', 'datetime');
  if (opensAt && closesAt && closesAt <= opensAt) fail('closes_at', 'date_order');
  if (closesAt && closesAt <= now) fail('closes_at', 'closes_past');
  if (values.min_level !== 'identity' && values.min_level !== 'residence') fail('min_level', 'min_level');
  const minAge = /^\d{1,3}$/.test(values.min_age) ? Number(values.min_age) : NaN;
  if (!Number.isInteger(minAge) || minAge < 14 || minAge > 120) fail('min_age', 'min_age');
  const codes = new Set(LOCALIDADES.map((l) => l.code as string));
  if (values.localidades.some((code) => !codes.has(code))) fail('localidades', 'localidades');
  if (values.secret !== 'yes' && values.secret !== 'no') fail('secret', 'secret');
  if (Object.keys(errors).length > 0) return { values, input: null, errors };
  return {
    values,
    errors,
    input: {
      title: values.title,
      description: values.description,
      entityCode: values.entity,
      opensAt: opensAt!,
      closesAt: closesAt!,
      minLevel: values.min_level as 'identity' | 'residence',
      minAge,
      localidades: [...new Set(values.localidades)].sort(),
      secret: values.secret === 'yes',
      allowEdit: values.allow_edit === 'yes',
    },
  };
}
