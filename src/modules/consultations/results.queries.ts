import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../core/db/database.ts';
import { CATEGORIES, PROFILE_DIMENSIONS, STORED_DIMENSIONS, type Dimension } from './categories.ts';
import { protectCounts, type ProtectedCount } from './protect.ts';
import { rankCountOf, TEXT_KINDS, type OptionDef, type QuestionDef } from './questionnaire.ts';

export interface OptionTally {
  option: OptionDef;
  count: number;
  /** Share of the question's respondents (0..1). */
  share: number;
}

export interface RankTally {
  option: OptionDef;
  /** Borda points: first place earns rankCount points, the last position 1. */
  points: number;
  firstPlaces: number;
}

export interface NumberSummary {
  count: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

/** One group of a breakdown: its size (protected) and, when shown, its answers. */
export interface BreakdownGroup {
  group: ProtectedCount;
  /** Per option (choice questions, in option order) or the mean (scale, number); null when withheld. */
  values: number[] | null;
}

export interface QuestionResult {
  question: QuestionDef;
  /** Responses that answered this question. */
  respondents: number;
  options?: OptionTally[];
  ranking?: RankTally[];
  /** rating_scale: count per value from min to max. */
  scale?: { value: number; count: number }[];
  numbers?: NumberSummary;
  /** Free text: approved answers, and how many wait for or failed moderation. */
  texts?: { approved: string[]; pending: number; hidden: number };
  breakdown?: BreakdownGroup[];
}

export interface ConsultationResults {
  responses: number;
  questions: QuestionResult[];
  dimension: Dimension | null;
}

/** The dimensions a consultation's breakdowns may use: only what the responses carry for secret ones. */
export function dimensionsFor(secret: boolean): readonly Dimension[] {
  return secret ? STORED_DIMENSIONS : [...STORED_DIMENSIONS, ...PROFILE_DIMENSIONS];
}

function categoryExpression(dimension: Dimension): RawBuilder<string> {
  switch (dimension) {
    case 'age_band':
      return sql<string>`coalesce(r.age_band, 'unknown')`;
    case 'localidad':
      return sql<string>`coalesce(r.localidad_code, 'unknown')`;
    case 'gender':
      return sql<string>`coalesce(r.gender, 'unknown')`;
    // Public consultations only: their responses carry the user, whose profile says these.
    case 'ethnic_group':
      return sql<string>`coalesce(p.ethnic_group, 'unknown')`;
    case 'disability':
      return sql<string>`coalesce(p.disability, 'unknown')`;
    case 'conflict_victim':
      return sql<string>`coalesce(p.conflict_victim, 'unknown')`;
  }
}

const median = (sorted: number[]) => {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Results of a consultation, question by question, computed on read. With a dimension, each
 * question also gets a breakdown by that dimension's categories under the minimum group size.
 * The caller decides whether results may be shown (see `resultsVisible`).
 */
export async function computeResults(db: Executor, consultation: { id: string; secret: boolean }, questions: readonly QuestionDef[], dimension: Dimension | null = null): Promise<ConsultationResults> {
  const id = consultation.id;
  if (dimension && !dimensionsFor(consultation.secret).includes(dimension)) dimension = null;
  const [responsesRow, respondents, optionCounts, numbers, texts] = await Promise.all([
    db.selectFrom('consultations_responses').select((eb) => eb.fn.countAll<string>().as('n')).where('consultation_id', '=', id).executeTakeFirstOrThrow(),
    sql<{ question_id: string; n: string }>`
      SELECT a.question_id, count(DISTINCT a.response_id) AS n FROM consultations_answers a
      JOIN consultations_responses r ON r.id = a.response_id WHERE r.consultation_id = ${id} GROUP BY a.question_id`.execute(db),
    sql<{ question_id: string; option_id: string; position: number; n: string }>`
      SELECT a.question_id, a.option_id, a.position, count(*) AS n FROM consultations_answers a
      JOIN consultations_responses r ON r.id = a.response_id
      WHERE r.consultation_id = ${id} AND a.option_id IS NOT NULL GROUP BY a.question_id, a.option_id, a.position`.execute(db),
    sql<{ question_id: string; value: string; n: string }>`
      SELECT a.question_id, a.value_number AS value, count(*) AS n FROM consultations_answers a
      JOIN consultations_responses r ON r.id = a.response_id
      WHERE r.consultation_id = ${id} AND a.value_number IS NOT NULL GROUP BY a.question_id, a.value_number`.execute(db),
    sql<{ question_id: string; value_text: string; moderation: string }>`
      SELECT a.question_id, a.value_text, a.moderation FROM consultations_answers a
      JOIN consultations_responses r ON r.id = a.response_id
      WHERE r.consultation_id = ${id} AND a.value_text IS NOT NULL ORDER BY a.value_text`.execute(db),
  ]);
  const respondentsOf = new Map(respondents.rows.map((r) => [r.question_id, Number(r.n)]));
  const breakdowns = dimension ? await computeBreakdowns(db, id, questions, dimension) : null;

  const results = questions.map((q): QuestionResult => {
    const answered = respondentsOf.get(q.id) ?? 0;
    const result: QuestionResult = { question: q, respondents: answered };
    const mine = optionCounts.rows.filter((r) => r.question_id === q.id);
    if (q.kind === 'single_choice' || q.kind === 'multiple_choice') {
      result.options = q.options.map((option) => {
        const count = mine.filter((r) => r.option_id === option.id).reduce((sum, r) => sum + Number(r.n), 0);
        return { option, count, share: answered ? count / answered : 0 };
      });
    } else if (q.kind === 'ranking') {
      const positions = rankCountOf(q);
      result.ranking = q.options
        .map((option) => {
          const rows = mine.filter((r) => r.option_id === option.id);
          return {
            option,
            points: rows.reduce((sum, r) => sum + Number(r.n) * Math.max(0, positions - r.position), 0),
            firstPlaces: rows.filter((r) => r.position === 0).reduce((sum, r) => sum + Number(r.n), 0),
          };
        })
        .sort((a, b) => b.points - a.points || a.option.position - b.option.position);
    } else if (q.kind === 'rating_scale' || q.kind === 'number') {
      const values = numbers.rows.filter((r) => r.question_id === q.id).map((r) => ({ value: Number(r.value), n: Number(r.n) }));
      if (q.kind === 'rating_scale') {
        const min = q.settings.min ?? 1;
        const max = q.settings.max ?? 5;
        result.scale = Array.from({ length: max - min + 1 }, (_, i) => ({ value: min + i, count: values.find((v) => v.value === min + i)?.n ?? 0 }));
      }
      const expanded: number[] = [];
      for (const v of values.sort((a, b) => a.value - b.value)) for (let i = 0; i < v.n; i++) expanded.push(v.value);
      result.numbers = {
        count: expanded.length,
        mean: expanded.length ? expanded.reduce((a, b) => a + b, 0) / expanded.length : null,
        median: median(expanded),
        min: expanded[0] ?? null,
        max: expanded[expanded.length - 1] ?? null,
      };
    } else if (TEXT_KINDS.includes(q.kind)) {
      const rows = texts.rows.filter((r) => r.question_id === q.id);
      result.texts = {
        approved: rows.filter((r) => r.moderation === 'approved').map((r) => r.value_text),
        pending: rows.filter((r) => r.moderation === 'pending').length,
        hidden: rows.filter((r) => r.moderation === 'hidden').length,
      };
    }
    if (breakdowns && !TEXT_KINDS.includes(q.kind)) result.breakdown = breakdowns.get(q.id) ?? [];
    return result;
  });
  return { responses: Number(responsesRow.n), questions: results, dimension };
}

/** Per question: the groups of one dimension with their protected size and their answers. */
async function computeBreakdowns(db: Executor, consultationId: string, questions: readonly QuestionDef[], dimension: Dimension): Promise<Map<string, BreakdownGroup[]>> {
  const category = categoryExpression(dimension);
  const profileJoin = (PROFILE_DIMENSIONS as readonly string[]).includes(dimension) ? sql`LEFT JOIN core_profiles p ON p.user_id = r.user_id` : sql``;
  const rows = await sql<{ question_id: string; category: string; option_id: string | null; position: number; value_sum: string | null; n: string }>`
    SELECT a.question_id, ${category} AS category, a.option_id, a.position, sum(a.value_number) AS value_sum,
      count(*) AS n
    FROM consultations_answers a
    JOIN consultations_responses r ON r.id = a.response_id
    ${profileJoin}
    WHERE r.consultation_id = ${consultationId} AND a.value_text IS NULL
    GROUP BY a.question_id, 2, a.option_id, a.position`.execute(db);
  const sizes = await sql<{ question_id: string; category: string; n: string }>`
    SELECT a.question_id, ${category} AS category, count(DISTINCT a.response_id) AS n
    FROM consultations_answers a
    JOIN consultations_responses r ON r.id = a.response_id
    ${profileJoin}
    WHERE r.consultation_id = ${consultationId}
    GROUP BY a.question_id, 2`.execute(db);
  const result = new Map<string, BreakdownGroup[]>();
  for (const q of questions) {
    const counts = new Map(sizes.rows.filter((s) => s.question_id === q.id).map((s) => [s.category, Number(s.n)]));
    const groups = protectCounts(CATEGORIES[dimension], counts);
    const mine = rows.rows.filter((r) => r.question_id === q.id);
    result.set(
      q.id,
      groups.map((group) => {
        if (group.count === null) return { group, values: null };
        const inGroup = mine.filter((r) => r.category === group.key);
        if (q.kind === 'single_choice' || q.kind === 'multiple_choice') {
          return { group, values: q.options.map((o) => inGroup.filter((r) => r.option_id === o.id).reduce((s, r) => s + Number(r.n), 0)) };
        }
        if (q.kind === 'ranking') {
          // First choices per option: the most telling single figure of a ranking.
          return { group, values: q.options.map((o) => inGroup.filter((r) => r.option_id === o.id && r.position === 0).reduce((s, r) => s + Number(r.n), 0)) };
        }
        const total = inGroup.reduce((s, r) => s + Number(r.value_sum ?? 0), 0);
        const n = inGroup.reduce((s, r) => s + Number(r.n), 0);
        return { group, values: [n ? total / n : 0] };
      }),
    );
  }
  return result;
}
