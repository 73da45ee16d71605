import type { ColumnType, Generated } from 'kysely';
import type { CauseState } from './states.ts';

type Timestamp = ColumnType<Date, string | Date | undefined, string | Date>;
type NullableTimestamp = ColumnType<Date | null, string | Date | null | undefined, string | Date | null>;
/** `date` columns stay 'YYYY-MM-DD' strings (see core/db/database.ts). */
type NullableDay = ColumnType<string | null, string | null | undefined, string | null>;

export type LinkKind = 'consultation' | 'pb-proposal' | 'commitment' | 'other';
export type EventKind = 'created' | 'state' | 'update' | 'link';

declare module '../../core/db/schema.ts' {
  interface Database {
    causes_topics: { code: string; position: Generated<number> };
    causes_causes: {
      id: Generated<string>;
      author_id: string;
      title: string;
      problem: string;
      evidence: Generated<string>;
      localidad_code: string | null;
      topic_code: string;
      target_entity_code: string | null;
      state: ColumnType<CauseState, CauseState | undefined, CauseState>;
      threshold: number;
      support_days: number;
      answer_term_business_days: number;
      supports_count: Generated<number>;
      created_at: Generated<Date>;
      updated_at: Timestamp;
      published_at: NullableTimestamp;
      deadline_at: NullableTimestamp;
      threshold_reached_at: NullableTimestamp;
      answer_due_on: NullableDay;
      acknowledged_at: NullableTimestamp;
      answered_at: NullableTimestamp;
      closed_at: NullableTimestamp;
      hidden_reason: string | null;
      hidden_by: string | null;
    };
    causes_supports: { cause_id: string; identity_hash: string; user_id: string | null; assisted_by: string | null; created_at: Generated<Date> };
    causes_evidence_links: { cause_id: string; position: number; url: string };
    causes_files: { cause_id: string; file_id: string; purpose: 'evidence' | 'answer'; position: Generated<number> };
    causes_answers: { cause_id: string; entity_code: string; body: string; answered_by: string | null; answered_at: Timestamp };
    causes_links: { id: Generated<string>; cause_id: string; kind: LinkKind; url: string; title: string; created_by: string | null; created_at: Generated<Date> };
    causes_events: {
      id: Generated<string>;
      cause_id: string;
      kind: EventKind;
      from_state: string | null;
      to_state: string | null;
      body: Generated<string>;
      actor_id: string | null;
      occurred_at: Timestamp;
    };
    causes_follows: { cause_id: string; user_id: string; created_at: Generated<Date> };
    causes_comments: {
      id: Generated<string>;
      cause_id: string;
      parent_id: string | null;
      author_id: string;
      body: string;
      created_at: Timestamp;
      hidden_at: NullableTimestamp;
      hidden_reason: string | null;
      hidden_by: string | null;
    };
    causes_comment_reports: { comment_id: string; reporter_id: string; reason: string; created_at: Generated<Date> };
    causes_cause_reports: { cause_id: string; reporter_id: string; reason: string; created_at: Generated<Date> };
  }
}
