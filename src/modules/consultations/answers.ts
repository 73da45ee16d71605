import type { FieldErrors } from '../../core/http/errors.ts';
import { maxLengthOf, rankCountOf, type QuestionDef } from './questionnaire.ts';

/**
 * A person's answer to one question before validation, whatever it came from (the HTML form, the
 * JSON API, a row of a paper CSV): the options chosen, the ranks given per option, or the text typed
 * (also numbers and scale values, as typed).
 */
export interface RawAnswer {
  choices: string[];
  ranks: Record<string, string>;
  text: string;
}

/** One stored answer row (see consultations_answers). */
export interface AnswerRow {
  questionId: string;
  position: number;
  optionId: string | null;
  number: number | null;
  text: string | null;
}

export const emptyRaw = (): RawAnswer => ({ choices: [], ranks: {}, text: '' });

/** The form field of a question; ranking questions add `_<option id>` per option. */
export const fieldName = (questionId: string) => `q_${questionId}`;
export const rankFieldName = (questionId: string, optionId: string) => `q_${questionId}_${optionId}`;

const asList = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string');

/** Reads the answer form's fields (what the browser sent) into raw answers. */
export function rawFromForm(questions: readonly QuestionDef[], body: Record<string, unknown>): Map<string, RawAnswer> {
  const raw = new Map<string, RawAnswer>();
  for (const q of questions) {
    const answer = emptyRaw();
    const value = body[fieldName(q.id)];
    if (q.kind === 'single_choice' || q.kind === 'multiple_choice') answer.choices = asList(value).filter((v) => v !== '');
    else if (q.kind === 'ranking') {
      for (const o of q.options) {
        const rank = body[rankFieldName(q.id, o.id)];
        if (typeof rank === 'string' && rank.trim() !== '') answer.ranks[o.id] = rank.trim();
      }
    } else answer.text = typeof value === 'string' ? value : asList(value)[0] ?? '';
    raw.set(q.id, answer);
  }
  return raw;
}

/**
 * Reads the JSON API's `answers` object: option id (single choice), option ids (multiple choice),
 * option ids in order (ranking), a number (scale, number) or a string (text).
 */
export function rawFromJson(questions: readonly QuestionDef[], answers: Record<string, unknown>): Map<string, RawAnswer> {
  const raw = new Map<string, RawAnswer>();
  for (const q of questions) {
    const answer = emptyRaw();
    const value = answers[q.id];
    if (q.kind === 'single_choice' || q.kind === 'multiple_choice') answer.choices = asList(value);
    else if (q.kind === 'ranking') asList(value).forEach((optionId, index) => (answer.ranks[optionId] = String(index + 1)));
    else if (typeof value === 'number') answer.text = String(value);
    else if (typeof value === 'string') answer.text = value;
    raw.set(q.id, answer);
  }
  return raw;
}

/** The form values to echo back after an error, or to pre-fill with a saved response. */
export function formValuesOf(questions: readonly QuestionDef[], raw: Map<string, RawAnswer>): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const q of questions) {
    const answer = raw.get(q.id) ?? emptyRaw();
    if (q.kind === 'single_choice') values[fieldName(q.id)] = answer.choices[0] ?? '';
    else if (q.kind === 'multiple_choice') values[fieldName(q.id)] = answer.choices;
    else if (q.kind === 'ranking') for (const o of q.options) values[rankFieldName(q.id, o.id)] = answer.ranks[o.id] ?? '';
    else values[fieldName(q.id)] = answer.text;
  }
  return values;
}

/** Stored answer rows back into raw answers (to pre-fill the form of an allowed edit). */
export function rawFromRows(questions: readonly QuestionDef[], rows: readonly AnswerRow[]): Map<string, RawAnswer> {
  const raw = new Map<string, RawAnswer>();
  for (const q of questions) {
    const answer = emptyRaw();
    const mine = rows.filter((r) => r.questionId === q.id).sort((a, b) => a.position - b.position);
    if (q.kind === 'ranking') for (const r of mine) answer.ranks[r.optionId!] = String(r.position + 1);
    else if (q.kind === 'single_choice' || q.kind === 'multiple_choice') answer.choices = mine.map((r) => r.optionId!);
    else answer.text = mine[0] ? (mine[0].text ?? formatPlain(mine[0].number)) : '';
    raw.set(q.id, answer);
  }
  return raw;
}

const formatPlain = (n: number | null) => (n === null ? '' : String(n));

/**
 * Which questions the person sees: a conditional question shows only when the earlier question it
 * depends on is itself shown and its answer includes one of the condition's options. Evaluated in
 * order, so chains (C depends on B, which depends on A) work. The same rule runs in the browser
 * (assets/consultations.js) and here, where it decides.
 */
export function visibleQuestions(questions: readonly QuestionDef[], raw: Map<string, RawAnswer>): Set<string> {
  const visible = new Set<string>();
  for (const q of [...questions].sort((a, b) => a.position - b.position)) {
    if (!q.condition) {
      visible.add(q.id);
      continue;
    }
    const { questionId, optionIds } = q.condition;
    const chosen = raw.get(questionId)?.choices ?? [];
    if (visible.has(questionId) && chosen.some((c) => optionIds.includes(c))) visible.add(q.id);
  }
  return visible;
}

const NUMBER = /^-?\d+(?:[.,]\d+)?$/;

/** Parses a number as people type it in Colombia or elsewhere ("3,5", "3.5", " 12 "). */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace(/\s/g, '');
  if (!NUMBER.test(trimmed)) return null;
  const n = Number(trimmed.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

type Problem = { key: string; vars?: Record<string, string | number> };
const E = (key: string, vars?: Record<string, string | number>): Problem => ({ key: `consultations.answer.errors.${key}`, vars });

/** Validates one visible question's answer; returns its rows, or the problem (i18n key). */
function validateOne(q: QuestionDef, answer: RawAnswer): { rows: AnswerRow[] } | { problem: Problem } {
  const row = (position: number, optionId: string | null, number: number | null, text: string | null): AnswerRow => ({ questionId: q.id, position, optionId, number, text });
  const missing = () => (q.required ? { problem: E('required') } : { rows: [] });
  const known = new Set(q.options.map((o) => o.id));
  switch (q.kind) {
    case 'single_choice': {
      if (answer.choices.length === 0) return missing();
      if (answer.choices.length > 1 || !known.has(answer.choices[0]!)) return { problem: E('choice_invalid') };
      return { rows: [row(0, answer.choices[0]!, null, null)] };
    }
    case 'multiple_choice': {
      const chosen = [...new Set(answer.choices)];
      if (chosen.length === 0) return missing();
      if (chosen.some((c) => !known.has(c))) return { problem: E('choice_invalid') };
      const { minChoices, maxChoices } = q.settings;
      if (minChoices !== undefined && chosen.length < minChoices) return { problem: E('min_choices', { count: minChoices }) };
      if (maxChoices !== undefined && chosen.length > maxChoices) return { problem: E('max_choices', { count: maxChoices }) };
      // Stored in the questionnaire's order, whatever order the browser sent them in.
      const ordered = q.options.filter((o) => chosen.includes(o.id));
      return { rows: ordered.map((o, i) => row(i, o.id, null, null)) };
    }
    case 'ranking': {
      const entries = Object.entries(answer.ranks).filter(([, rank]) => rank !== '');
      if (entries.length === 0) return missing();
      const count = rankCountOf(q);
      if (entries.some(([optionId]) => !known.has(optionId))) return { problem: E('choice_invalid') };
      const ranks = entries.map(([optionId, rank]) => ({ optionId, rank: /^\d+$/.test(rank) ? Number(rank) : NaN }));
      if (ranks.some((r) => !Number.isInteger(r.rank) || r.rank < 1 || r.rank > count)) return { problem: E('rank_invalid', { count }) };
      if (new Set(ranks.map((r) => r.rank)).size !== ranks.length) return { problem: E('rank_duplicate') };
      if (ranks.length !== count) return { problem: E('rank_incomplete', { count }) };
      return { rows: ranks.sort((a, b) => a.rank - b.rank).map((r) => row(r.rank - 1, r.optionId, null, null)) };
    }
    case 'rating_scale': {
      const text = answer.text.trim();
      if (text === '') return missing();
      const min = q.settings.min ?? 1;
      const max = q.settings.max ?? 5;
      const n = /^-?\d+$/.test(text) ? Number(text) : NaN;
      if (!Number.isInteger(n) || n < min || n > max) return { problem: E('scale_invalid', { min, max }) };
      return { rows: [row(0, null, n, null)] };
    }
    case 'number': {
      if (answer.text.trim() === '') return missing();
      const n = parseNumber(answer.text);
      if (n === null) return { problem: E('number_invalid') };
      if (q.settings.integer && !Number.isInteger(n)) return { problem: E('number_integer') };
      const { min, max } = q.settings;
      if (min !== undefined && max !== undefined && (n < min || n > max)) return { problem: E('number_range', { min, max }) };
      if (min !== undefined && n < min) return { problem: E('number_min', { min }) };
      if (max !== undefined && n > max) return { problem: E('number_max', { max }) };
      return { rows: [row(0, null, n, null)] };
    }
    case 'short_text':
    case 'long_text': {
      // Short answers are one line; long ones keep their line breaks (normalised to \n).
      const text = q.kind === 'short_text' ? answer.text.replace(/\s+/g, ' ').trim() : answer.text.replace(/\r\n?/g, '\n').trim();
      if (text === '') return missing();
      const max = maxLengthOf(q);
      if ([...text].length > max) return { problem: E('text_too_long', { max }) };
      return { rows: [row(0, null, null, text)] };
    }
  }
}

export interface ValidatedSubmission {
  rows: AnswerRow[];
  errors: FieldErrors;
  /** Questions shown to the person given their answers (the others' answers are ignored). */
  visible: Set<string>;
}

/**
 * Validates a whole submission against the questionnaire: conditional questions that end up hidden
 * are ignored (answered or not), every visible question is checked for its kind and whether it is
 * required. At least one answer is needed, even when every question is optional.
 */
export function validateSubmission(questions: readonly QuestionDef[], raw: Map<string, RawAnswer>): ValidatedSubmission {
  const ordered = [...questions].sort((a, b) => a.position - b.position);
  const visible = visibleQuestions(ordered, raw);
  const rows: AnswerRow[] = [];
  const errors: FieldErrors = {};
  for (const q of ordered) {
    if (!visible.has(q.id)) continue;
    const result = validateOne(q, raw.get(q.id) ?? emptyRaw());
    if ('problem' in result) errors[fieldName(q.id)] = result.problem;
    else rows.push(...result.rows);
  }
  if (Object.keys(errors).length === 0 && rows.length === 0 && ordered[0]) errors[fieldName(ordered[0].id)] = E('empty');
  return { rows, errors, visible };
}
