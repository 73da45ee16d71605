import type { QuestionKind, QuestionSettings } from './consultations.schema.ts';

/** One answer option, as the answer form and the results show it. */
export interface OptionDef {
  id: string;
  position: number;
  label: string;
  description: string;
  imageFileId: string | null;
  imageAlt: string;
}

/** Show the question only when the answer to `questionId` includes one of `optionIds`. */
export interface Condition {
  questionId: string;
  optionIds: string[];
}

export interface QuestionDef {
  id: string;
  position: number;
  kind: QuestionKind;
  title: string;
  description: string;
  required: boolean;
  settings: QuestionSettings;
  options: OptionDef[];
  condition: Condition | null;
}

export const CHOICE_KINDS: readonly QuestionKind[] = ['single_choice', 'multiple_choice', 'ranking'];
/** Kinds whose answer can make a later question appear. */
export const TRIGGER_KINDS: readonly QuestionKind[] = ['single_choice', 'multiple_choice'];
export const TEXT_KINDS: readonly QuestionKind[] = ['short_text', 'long_text'];

export const DEFAULT_MAX_LENGTH: Record<'short_text' | 'long_text', number> = { short_text: 200, long_text: 2000 };
export const MAX_MAX_LENGTH: Record<'short_text' | 'long_text', number> = { short_text: 300, long_text: 5000 };

export const hasOptions = (kind: QuestionKind) => CHOICE_KINDS.includes(kind);

/** How many positions a ranking question asks to fill. */
export const rankCountOf = (q: QuestionDef) => Math.min(q.settings.rankCount ?? q.options.length, q.options.length);

/** The text length limit of a free-text question. */
export function maxLengthOf(q: Pick<QuestionDef, 'kind' | 'settings'>): number {
  const kind = q.kind === 'long_text' ? 'long_text' : 'short_text';
  return q.settings.maxLength ?? DEFAULT_MAX_LENGTH[kind];
}

/** "Pregunta 3" style number of a question (its position). */
export const questionNumber = (q: Pick<QuestionDef, 'position'>) => q.position;

/**
 * What makes a questionnaire ready to publish, per question (i18n keys): choice questions need at
 * least two options and settings that fit them; a condition must point to an earlier question.
 */
export function questionnaireProblems(questions: readonly QuestionDef[]): { questionId: string | null; key: string; vars?: Record<string, string | number> }[] {
  const problems: { questionId: string | null; key: string; vars?: Record<string, string | number> }[] = [];
  if (questions.length === 0) problems.push({ questionId: null, key: 'consultations.builder.problems.no_questions' });
  for (const q of questions) {
    const vars = { number: q.position };
    if (hasOptions(q.kind) && q.options.length < 2) problems.push({ questionId: q.id, key: 'consultations.builder.problems.few_options', vars });
    if (q.kind === 'multiple_choice' && (q.settings.maxChoices ?? 0) > q.options.length && q.options.length >= 2) {
      problems.push({ questionId: q.id, key: 'consultations.builder.problems.max_choices', vars: { ...vars, count: q.options.length } });
    }
    if (q.kind === 'multiple_choice' && (q.settings.minChoices ?? 0) > q.options.length && q.options.length >= 2) {
      problems.push({ questionId: q.id, key: 'consultations.builder.problems.min_choices', vars: { ...vars, count: q.options.length } });
    }
    if (q.kind === 'ranking' && (q.settings.rankCount ?? 0) > q.options.length && q.options.length >= 2) {
      problems.push({ questionId: q.id, key: 'consultations.builder.problems.rank_count', vars: { ...vars, count: q.options.length } });
    }
    if (q.condition) {
      const source = questions.find((s) => s.id === q.condition!.questionId);
      if (!source || source.position >= q.position) problems.push({ questionId: q.id, key: 'consultations.builder.problems.condition_order', vars });
    }
  }
  return problems;
}
