import { describe, expect, it } from 'vitest';
import { formValuesOf, rawFromForm, rawFromJson, rawFromRows, validateSubmission, visibleQuestions, type RawAnswer } from './answers.ts';
import type { QuestionKind, QuestionSettings } from './consultations.schema.ts';
import { parseQuestionForm } from './question-form.ts';
import { questionnaireProblems, type QuestionDef } from './questionnaire.ts';

let ids = 0;
function question(kind: QuestionKind, options: { settings?: QuestionSettings; labels?: string[]; required?: boolean; position?: number; condition?: QuestionDef['condition'] } = {}): QuestionDef {
  ids++;
  return {
    id: `q${ids}`,
    position: options.position ?? ids,
    kind,
    title: `Pregunta ${ids}`,
    description: '',
    required: options.required ?? true,
    settings: options.settings ?? {},
    options: (options.labels ?? []).map((label, i) => ({ id: `q${ids}o${i + 1}`, position: i + 1, label, description: '', imageFileId: null, imageAlt: '' })),
    condition: options.condition ?? null,
  };
}

const raw = (answer: Partial<RawAnswer>): RawAnswer => ({ choices: [], ranks: {}, text: '', ...answer });
/** Validates one question alone; returns the error key (without prefix) or the rows. */
function check(q: QuestionDef, answer: Partial<RawAnswer>) {
  const result = validateSubmission([q], new Map([[q.id, raw(answer)]]));
  const error = result.errors[`q_${q.id}`];
  return error ? error.key.replace('consultations.answer.errors.', '') : result.rows.map((r) => [r.position, r.optionId, r.number, r.text]);
}

describe('answer validation, by question kind', () => {
  it('single choice: one known option', () => {
    const q = question('single_choice', { labels: ['Sí', 'No'] });
    expect(check(q, { choices: ['q' + ids + 'o2'] })).toEqual([[0, `${q.id}o2`, null, null]]);
    expect(check(q, {})).toBe('required');
    expect(check(q, { choices: ['otra'] })).toBe('choice_invalid');
    expect(check(q, { choices: [`${q.id}o1`, `${q.id}o2`] })).toBe('choice_invalid');
  });

  it('multiple choice: known options within min and max, stored in the questionnaire order', () => {
    const q = question('multiple_choice', { labels: ['a', 'b', 'c', 'd'], settings: { minChoices: 2, maxChoices: 3 } });
    const o = (n: number) => `${q.id}o${n}`;
    expect(check(q, { choices: [o(3), o(1)] })).toEqual([
      [0, o(1), null, null],
      [1, o(3), null, null],
    ]);
    expect(check(q, { choices: [o(1), o(1)] })).toBe('min_choices');
    expect(check(q, { choices: [o(1), o(2), o(3), o(4)] })).toBe('max_choices');
    expect(check(q, { choices: [o(1), 'x'] })).toBe('choice_invalid');
    expect(check(q, {})).toBe('required');
    const optional = question('multiple_choice', { labels: ['a', 'b'], settings: { minChoices: 2 }, required: false });
    expect(validateSubmission([optional, q], new Map([[q.id, raw({ choices: [o(1), o(2)] })]])).errors).toEqual({});
  });

  it('ranking: every position from 1 to the rank count, each once', () => {
    const q = question('ranking', { labels: ['a', 'b', 'c', 'd'], settings: { rankCount: 3 } });
    const o = (n: number) => `${q.id}o${n}`;
    expect(check(q, { ranks: { [o(4)]: '1', [o(2)]: '2', [o(1)]: '3' } })).toEqual([
      [0, o(4), null, null],
      [1, o(2), null, null],
      [2, o(1), null, null],
    ]);
    expect(check(q, { ranks: { [o(1)]: '1', [o(2)]: '1', [o(3)]: '2' } })).toBe('rank_duplicate');
    expect(check(q, { ranks: { [o(1)]: '1', [o(2)]: '2' } })).toBe('rank_incomplete');
    expect(check(q, { ranks: { [o(1)]: '4', [o(2)]: '2', [o(3)]: '1' } })).toBe('rank_invalid');
    expect(check(q, { ranks: { [o(1)]: 'uno' } })).toBe('rank_invalid');
    expect(check(q, {})).toBe('required');
    const all = question('ranking', { labels: ['a', 'b'] });
    expect(check(all, { ranks: { [`${all.id}o1`]: '2', [`${all.id}o2`]: '1' } })).toHaveLength(2);
  });

  it('rating scale: a whole number between its bounds', () => {
    const q = question('rating_scale', { settings: { min: 0, max: 10 } });
    expect(check(q, { text: '0' })).toEqual([[0, null, 0, null]]);
    expect(check(q, { text: '10' })).toEqual([[0, null, 10, null]]);
    expect(check(q, { text: '11' })).toBe('scale_invalid');
    expect(check(q, { text: '2.5' })).toBe('scale_invalid');
    expect(check(q, { text: ' ' })).toBe('required');
  });

  it('number: decimals with comma or point, integer only when asked, within bounds', () => {
    const q = question('number', { settings: { min: 0, max: 100 } });
    expect(check(q, { text: '3,5' })).toEqual([[0, null, 3.5, null]]);
    expect(check(q, { text: ' 42 ' })).toEqual([[0, null, 42, null]]);
    expect(check(q, { text: 'doce' })).toBe('number_invalid');
    expect(check(q, { text: '1e3' })).toBe('number_invalid');
    expect(check(q, { text: '101' })).toBe('number_range');
    const integer = question('number', { settings: { integer: true, min: 1 } });
    expect(check(integer, { text: '2,5' })).toBe('number_integer');
    expect(check(integer, { text: '0' })).toBe('number_min');
    expect(check(question('number', { settings: { max: 5 } }), { text: '6' })).toBe('number_max');
    expect(check(question('number', { required: false }), { text: '' })).toBe('empty');
  });

  it('text: short answers are one line, long ones keep paragraphs, both within their length', () => {
    const short = question('short_text', { settings: { maxLength: 10 } });
    expect(check(short, { text: '  Más \n luz  ' })).toEqual([[0, null, null, 'Más luz']]);
    expect(check(short, { text: 'x'.repeat(11) })).toBe('text_too_long');
    expect(check(short, { text: 'ñ'.repeat(10) })).toHaveLength(1);
    const long = question('long_text');
    expect(check(long, { text: 'Uno.\r\n\r\nDos.' })).toEqual([[0, null, null, 'Uno.\n\nDos.']]);
    expect(check(long, { text: 'x'.repeat(2001) })).toBe('text_too_long');
  });
});

describe('conditional questions', () => {
  const a = question('single_choice', { labels: ['Sí', 'No'] });
  const b = question('multiple_choice', { labels: ['x', 'y'], condition: { questionId: a.id, optionIds: [`${a.id}o1`] } });
  const c = question('short_text', { condition: { questionId: b.id, optionIds: [`${b.id}o2`] } });
  const questions = [a, b, c];

  it('shows a question only when the earlier answer includes one of its options, in chains', () => {
    expect(visibleQuestions(questions, new Map([[a.id, raw({ choices: [`${a.id}o2`] })]]))).toEqual(new Set([a.id]));
    expect(visibleQuestions(questions, new Map([[a.id, raw({ choices: [`${a.id}o1`] })]]))).toEqual(new Set([a.id, b.id]));
    const all = new Map([
      [a.id, raw({ choices: [`${a.id}o1`] })],
      [b.id, raw({ choices: [`${b.id}o1`, `${b.id}o2`] })],
    ]);
    expect(visibleQuestions(questions, all)).toEqual(new Set([a.id, b.id, c.id]));
    // B's answer does not count once A hides B.
    all.set(a.id, raw({ choices: [`${a.id}o2`] }));
    expect(visibleQuestions(questions, all)).toEqual(new Set([a.id]));
  });

  it('neither requires nor keeps the answer of a hidden question', () => {
    const result = validateSubmission(questions, new Map([[a.id, raw({ choices: [`${a.id}o2`] })], [b.id, raw({ choices: ['nonsense'] })], [c.id, raw({ text: 'ignorado' })]]));
    expect(result.errors).toEqual({});
    expect(result.rows.map((r) => r.questionId)).toEqual([a.id]);
  });

  it('requires a required question once it shows', () => {
    const result = validateSubmission(questions, new Map([[a.id, raw({ choices: [`${a.id}o1`] })], [b.id, raw({ choices: [`${b.id}o2`] })]]));
    expect(Object.keys(result.errors)).toEqual([`q_${c.id}`]);
  });
});

describe('reading answers from the form, the API and stored rows', () => {
  const single = question('single_choice', { labels: ['a', 'b'] });
  const multiple = question('multiple_choice', { labels: ['a', 'b', 'c'] });
  const ranking = question('ranking', { labels: ['a', 'b'] });
  const number = question('number');
  const questions = [single, multiple, ranking, number];

  it('turns the browser fields into the same raw answers as the JSON API, and back', () => {
    const fromForm = rawFromForm(questions, {
      [`q_${single.id}`]: `${single.id}o2`,
      [`q_${multiple.id}`]: [`${multiple.id}o1`, `${multiple.id}o3`],
      [`q_${ranking.id}_${ranking.id}o1`]: '2',
      [`q_${ranking.id}_${ranking.id}o2`]: '1',
      [`q_${number.id}`]: '12',
    });
    const fromJson = rawFromJson(questions, {
      [single.id]: `${single.id}o2`,
      [multiple.id]: [`${multiple.id}o1`, `${multiple.id}o3`],
      [ranking.id]: [`${ranking.id}o2`, `${ranking.id}o1`],
      [number.id]: 12,
    });
    expect(fromJson).toEqual(fromForm);
    const rows = validateSubmission(questions, fromForm).rows;
    expect(formValuesOf(questions, rawFromRows(questions, rows))).toEqual(formValuesOf(questions, fromForm));
  });

  it('asks for at least one answer even when every question is optional', () => {
    const optional = question('short_text', { required: false });
    expect(validateSubmission([optional], new Map()).errors[`q_${optional.id}`]?.key).toBe('consultations.answer.errors.empty');
  });
});

describe('the question builder form', () => {
  const trigger = question('single_choice', { labels: ['Sí', 'No'] });
  const other = question('multiple_choice', { labels: ['x'] });
  const ranking = question('ranking', { labels: ['r1', 'r2'] });
  const base = { kind: 'short_text', title: '¿Qué opina?', required: 'yes' };

  it('keeps only the settings of the chosen kind and checks them', () => {
    expect(parseQuestionForm({ ...base, kind: 'multiple_choice', min_choices: '2', max_choices: '3', max_length: '99' }, []).input?.settings).toEqual({ minChoices: 2, maxChoices: 3 });
    expect(parseQuestionForm({ ...base, kind: 'multiple_choice', min_choices: '3', max_choices: '2' }, []).errors.max_choices?.key).toBe('consultations.builder.errors.max_below_min');
    expect(parseQuestionForm({ ...base, kind: 'rating_scale', scale_min: '5', scale_max: '5' }, []).errors.scale_max?.key).toBe('consultations.builder.errors.scale_order');
    expect(parseQuestionForm({ ...base, kind: 'number', number_min: '0', number_max: '2,5', number_integer: 'yes' }, []).input?.settings).toEqual({ min: 0, max: 2.5, integer: true });
    expect(parseQuestionForm({ ...base, kind: 'long_text', max_length: '6000' }, []).errors.max_length?.key).toBe('consultations.builder.errors.integer_range');
    expect(parseQuestionForm({ ...base, kind: 'magic' }, []).errors.kind).toBeDefined();
    expect(parseQuestionForm({ ...base, title: 'no' }, []).errors.title).toBeDefined();
  });

  it('accepts a condition on options of one earlier single or multiple choice question only', () => {
    expect(parseQuestionForm({ ...base, show_if: [`${trigger.id}o1`, `${trigger.id}o2`] }, [trigger, other]).input?.showIf).toEqual([`${trigger.id}o1`, `${trigger.id}o2`]);
    expect(parseQuestionForm({ ...base, show_if: [`${trigger.id}o1`, `${other.id}o1`] }, [trigger, other]).errors.show_if?.key).toBe('consultations.builder.errors.condition_mixed');
    expect(parseQuestionForm({ ...base, show_if: ['made-up'] }, [trigger]).errors.show_if?.key).toBe('consultations.builder.errors.condition_invalid');
    expect(parseQuestionForm({ ...base, show_if: `${ranking.id}o1` }, [ranking]).errors.show_if?.key).toBe('consultations.builder.errors.condition_invalid');
  });

  it('lists what keeps a questionnaire from being published', () => {
    expect(questionnaireProblems([]).map((p) => p.key)).toEqual(['consultations.builder.problems.no_questions']);
    const few = question('single_choice', { labels: ['solo'], position: 1 });
    const tooMany = question('multiple_choice', { labels: ['a', 'b'], settings: { maxChoices: 3 }, position: 2 });
    const backwards = question('short_text', { position: 3, condition: { questionId: 'q-later', optionIds: ['x'] } });
    expect(questionnaireProblems([few, tooMany, backwards]).map((p) => p.key.replace('consultations.builder.problems.', ''))).toEqual(['few_options', 'max_choices', 'condition_order']);
  });
});
