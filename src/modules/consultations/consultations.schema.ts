import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, string | Date | undefined, string | Date>;
type NullableTimestamp = ColumnType<Date | null, string | Date | null | undefined, string | Date | null>;
type Json<T> = ColumnType<T, string | undefined, string>;

export const QUESTION_KINDS = ['single_choice', 'multiple_choice', 'ranking', 'rating_scale', 'short_text', 'long_text', 'number'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const CHANNELS = ['online', 'assisted', 'paper'] as const;
export type Channel = (typeof CHANNELS)[number];

export const AGE_BANDS = ['14-17', '18-28', '29-59', '60+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Per-kind settings of a question; only the ones of its kind are stored. */
export interface QuestionSettings {
  /** multiple_choice */
  minChoices?: number;
  maxChoices?: number;
  /** ranking: how many positions to fill (default: every option). */
  rankCount?: number;
  /** rating_scale */
  min?: number;
  max?: number;
  minLabel?: string;
  maxLabel?: string;
  /** short_text, long_text */
  maxLength?: number;
  /** number (min and max above are shared with rating_scale) */
  integer?: boolean;
}

declare module '../../core/db/schema.ts' {
  interface Database {
    consultations_consultations: {
      id: Generated<string>;
      entity_code: string;
      title: string;
      description: Generated<string>;
      opens_at: Timestamp;
      closes_at: Timestamp;
      min_level: ColumnType<'identity' | 'residence', 'identity' | 'residence' | undefined, 'identity' | 'residence'>;
      min_age: Generated<number>;
      secret: Generated<boolean>;
      allow_edit: Generated<boolean>;
      published_at: NullableTimestamp;
      results_published_at: NullableTimestamp;
      sealed_at: NullableTimestamp;
      results_notified_at: NullableTimestamp;
      created_by: string | null;
      created_at: Generated<Date>;
      updated_at: Timestamp;
    };
    consultations_localidades: { consultation_id: string; localidad_code: string };
    consultations_documents: { id: Generated<string>; consultation_id: string; file_id: string; title: string; created_at: Generated<Date> };
    consultations_questions: {
      id: Generated<string>;
      consultation_id: string;
      position: number;
      kind: QuestionKind;
      title: string;
      description: Generated<string>;
      required: Generated<boolean>;
      settings: Json<QuestionSettings>;
    };
    consultations_options: {
      id: Generated<string>;
      question_id: string;
      position: number;
      label: string;
      description: Generated<string>;
      image_file_id: string | null;
      image_alt: Generated<string>;
    };
    consultations_conditions: { question_id: string; option_id: string };
    consultations_participants: { consultation_id: string; identity_hash: string; channel: Channel; participated_on: string };
    consultations_responses: {
      id: Generated<string>;
      consultation_id: string;
      secret: boolean;
      response_key: string;
      user_id: string | null;
      submitted_at: NullableTimestamp;
      age_band: AgeBand | null;
      localidad_code: string | null;
      gender: string | null;
    };
    consultations_answers: {
      response_id: string;
      question_id: string;
      position: number;
      option_id: string | null;
      value_number: ColumnType<string | null, string | number | null | undefined, string | number | null>;
      value_text: string | null;
      moderation: 'pending' | 'approved' | 'hidden' | null;
    };
  }
}
