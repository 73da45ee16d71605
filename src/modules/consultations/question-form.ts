import type { FieldErrors } from '../../core/http/errors.ts';
import { QUESTION_KINDS, type QuestionKind, type QuestionSettings } from './consultations.schema.ts';
import { MAX_MAX_LENGTH, TRIGGER_KINDS, type QuestionDef } from './questionnaire.ts';
import { parseNumber } from './answers.ts';

/** The question form exactly as typed. */
export interface QuestionFormValues {
  kind: string;
  title: string;
  description: string;
  required: string;
  min_choices: string;
  max_choices: string;
  rank_count: string;
  scale_min: string;
  scale_max: string;
  scale_min_label: string;
  scale_max_label: string;
  max_length: string;
  number_min: string;
  number_max: string;
  number_integer: string;
  show_if: string[];
}

export const QUESTION_FIELDS = [
  'kind', 'title', 'description', 'required', 'min_choices', 'max_choices', 'rank_count', 'scale_min', 'scale_max', 'scale_min_label', 'scale_max_label',
  'max_length', 'number_min', 'number_max', 'number_integer', 'show_if',
] as const satisfies readonly (keyof QuestionFormValues)[];

export interface QuestionInput {
  kind: QuestionKind;
  title: string;
  description: string;
  required: boolean;
  settings: QuestionSettings;
  /** Options of an earlier question that make this one appear; empty = always shown. */
  showIf: string[];
}

export function emptyQuestionForm(): QuestionFormValues {
  return {
    kind: 'single_choice', title: '', description: '', required: 'yes', min_choices: '', max_choices: '', rank_count: '', scale_min: '1', scale_max: '5',
    scale_min_label: '', scale_max_label: '', max_length: '', number_min: '', number_max: '', number_integer: '', show_if: [],
  };
}

const str = (n: number | undefined) => (n === undefined ? '' : String(n));

export function questionFormOf(q: QuestionDef): QuestionFormValues {
  const s = q.settings;
  return {
    kind: q.kind,
    title: q.title,
    description: q.description,
    required: q.required ? 'yes' : '',
    min_choices: str(s.minChoices),
    max_choices: str(s.maxChoices),
    rank_count: str(s.rankCount),
    scale_min: q.kind === 'rating_scale' ? str(s.min) : '1',
    scale_max: q.kind === 'rating_scale' ? str(s.max) : '5',
    scale_min_label: s.minLabel ?? '',
    scale_max_label: s.maxLabel ?? '',
    max_length: str(s.maxLength),
    number_min: q.kind === 'number' ? str(s.min) : '',
    number_max: q.kind === 'number' ? str(s.max) : '',
    number_integer: s.integer ? 'yes' : '',
    show_if: q.condition?.optionIds ?? [],
  };
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const list = (value: unknown) => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string' && v !== '');

/**
 * Reads the question form. `earlier` are the questions before this one: a condition may only
 * point to one of them (a single or multiple choice question), so the questionnaire always reads
 * top to bottom.
 */
export function parseQuestionForm(body: Record<string, unknown>, earlier: readonly QuestionDef[]): { values: QuestionFormValues; input: QuestionInput | null; errors: FieldErrors } {
  const values: QuestionFormValues = {
    kind: text(body.kind),
    title: text(body.title),
    description: typeof body.description === 'string' ? body.description.replace(/\r\n?/g, '\n').trim() : '',
    required: text(body.required),
    min_choices: text(body.min_choices),
    max_choices: text(body.max_choices),
    rank_count: text(body.rank_count),
    scale_min: text(body.scale_min),
    scale_max: text(body.scale_max),
    scale_min_label: text(body.scale_min_label),
    scale_max_label: text(body.scale_max_label),
    max_length: text(body.max_length),
    number_min: text(body.number_min),
    number_max: text(body.number_max),
    number_integer: text(body.number_integer),
    show_if: list(body.show_if),
  };
  const errors: FieldErrors = {};
  const fail = (field: keyof QuestionFormValues, key: string, vars?: Record<string, string | number>) => {
    errors[field] ??= { key: `consultations.builder.errors.${key}`, vars };
  };
  const kind = values.kind as QuestionKind;
  if (!QUESTION_KINDS.includes(kind)) fail('kind', 'kind');
  if (values.title.length < 3 || values.title.length > 500) fail('title', 'title');
  if (values.description.length > 2000) fail('description', 'description');

  const integer = (field: keyof QuestionFormValues, min: number, max: number): number | undefined => {
    const raw = values[field] as string;
    if (raw === '') return undefined;
    const n = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      fail(field, 'integer_range', { min, max });
      return undefined;
    }
    return n;
  };
  const settings: QuestionSettings = {};
  switch (kind) {
    case 'multiple_choice': {
      const min = integer('min_choices', 1, 50);
      const max = integer('max_choices', 1, 50);
      if (min !== undefined) settings.minChoices = min;
      if (max !== undefined) settings.maxChoices = max;
      if (min !== undefined && max !== undefined && max < min) fail('max_choices', 'max_below_min');
      break;
    }
    case 'ranking': {
      const count = integer('rank_count', 1, 50);
      if (count !== undefined) settings.rankCount = count;
      break;
    }
    case 'rating_scale': {
      if (values.scale_min === '') fail('scale_min', 'required');
      if (values.scale_max === '') fail('scale_max', 'required');
      const min = integer('scale_min', 0, 9);
      const max = integer('scale_max', 1, 10);
      if (min !== undefined && max !== undefined && max <= min) fail('scale_max', 'scale_order');
      settings.min = min ?? 1;
      settings.max = max ?? 5;
      if (values.scale_min_label.length > 60) fail('scale_min_label', 'label_length');
      if (values.scale_max_label.length > 60) fail('scale_max_label', 'label_length');
      if (values.scale_min_label) settings.minLabel = values.scale_min_label;
      if (values.scale_max_label) settings.maxLabel = values.scale_max_label;
      break;
    }
    case 'short_text':
    case 'long_text': {
      const max = integer('max_length', 1, MAX_MAX_LENGTH[kind]);
      if (max !== undefined) settings.maxLength = max;
      break;
    }
    case 'number': {
      const bound = (field: 'number_min' | 'number_max') => {
        if (values[field] === '') return undefined;
        const n = parseNumber(values[field]);
        if (n === null || Math.abs(n) > 1e12) fail(field, 'number');
        return n ?? undefined;
      };
      const min = bound('number_min');
      const max = bound('number_max');
      if (min !== undefined && max !== undefined && max <= min) fail('number_max', 'number_order');
      if (min !== undefined) settings.min = min;
      if (max !== undefined) settings.max = max;
      if (values.number_integer === 'yes') settings.integer = true;
      break;
    }
    default:
      break;
  }

  if (values.show_if.length) {
    const sources = new Set(values.show_if.map((id) => earlier.find((q) => q.options.some((o) => o.id === id))?.id ?? null));
    if (sources.has(null)) fail('show_if', 'condition_invalid');
    else if (sources.size > 1) fail('show_if', 'condition_mixed');
    else {
      const source = earlier.find((q) => sources.has(q.id))!;
      if (!TRIGGER_KINDS.includes(source.kind)) fail('show_if', 'condition_invalid');
    }
  }
  if (Object.keys(errors).length > 0) return { values, input: null, errors };
  return { values, errors, input: { kind, title: values.title, description: values.description, required: values.required === 'yes', settings, showIf: [...new Set(values.show_if)] } };
}
