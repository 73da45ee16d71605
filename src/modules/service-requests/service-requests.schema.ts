import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, string | Date | undefined, string | Date>;
type NullableTimestamp = ColumnType<Date | null, string | Date | null | undefined, string | Date | null>;
/** `date` columns stay 'YYYY-MM-DD' strings (see core/db/database.ts). */
type Day = ColumnType<string, string, string>;
type NullableDay = ColumnType<string | null, string | null | undefined, string | null>;

export const CHANNELS = ['web', 'presencial', 'telefonico', 'correo', 'escrito'] as const;
export type Channel = (typeof CHANNELS)[number];
export const REQUESTER_KINDS = ['account', 'contact', 'anonymous'] as const;
export type RequesterKind = (typeof REQUESTER_KINDS)[number];
export const STATES = ['filed', 'in_progress', 'awaiting_completion', 'answered', 'withdrawn'] as const;
export type RequestState = (typeof STATES)[number];
export const OUTCOMES = ['favorable', 'partial', 'denied', 'informative'] as const;
export type AnswerOutcome = (typeof OUTCOMES)[number];
export type EventKind = 'filed' | 'assigned' | 'transferred' | 'extended' | 'completion_requested' | 'completed' | 'answered' | 'withdrawn';
export type AttachmentKind = 'filing' | 'completion' | 'answer';

declare module '../../core/db/schema.ts' {
  interface Database {
    service_requests_types: {
      code: string;
      position: Generated<number>;
      term_days: number;
      max_extension_days: number;
      habeas_data: Generated<boolean>;
      legal_basis: string;
      updated_at: Timestamp;
    };
    service_requests_counters: { year: number; last_value: number };
    service_requests_requests: {
      id: Generated<string>;
      radicado: string;
      year: number;
      sequence: number;
      type_code: string;
      channel: Channel;
      entity_code: string;
      localidad_code: string | null;
      subject: string;
      description: string;
      requester_kind: RequesterKind;
      requester_user_id: string | null;
      requester_name: string | null;
      requester_email: string | null;
      requester_phone: string | null;
      requester_address: string | null;
      document_type: 'CC' | 'TI' | 'CE' | 'PPT' | 'PA' | null;
      document_hash: string | null;
      locale: ColumnType<'es' | 'en', 'es' | 'en' | undefined, 'es' | 'en'>;
      consent_policy_version: string;
      consent_at: Timestamp;
      consent_ip_hash: string | null;
      follow_code_hash: string;
      filed_at: Timestamp;
      filed_on: Day;
      filed_by: string | null;
      state: ColumnType<RequestState, RequestState | undefined, RequestState>;
      term_days: number;
      max_extension_days: number;
      term_start_on: Day;
      original_due_on: Day;
      due_on: Day;
      extended_at: NullableTimestamp;
      extension_reason: string | null;
      completion_requested_on: NullableDay;
      completion_deadline_on: NullableDay;
      completed_at: NullableTimestamp;
      assigned_to: string | null;
      transfers: Generated<number>;
      answered_at: NullableTimestamp;
      answered_on: NullableDay;
      answered_by: string | null;
      answer_text: string | null;
      answer_outcome: AnswerOutcome | null;
      closed_reason: string | null;
      updated_at: Timestamp;
    };
    service_requests_attachments: { id: Generated<string>; request_id: string; file_id: string; kind: AttachmentKind; position: Generated<number>; created_at: Generated<Date> };
    service_requests_events: {
      id: ColumnType<string, never, never>;
      request_id: string;
      kind: EventKind;
      occurred_at: Timestamp;
      occurred_on: Day;
      actor_id: string | null;
      from_entity: string | null;
      to_entity: string | null;
      due_before: NullableDay;
      due_after: NullableDay;
      reason: string | null;
      public: Generated<boolean>;
    };
    service_requests_notes: { id: Generated<string>; request_id: string; author_id: string | null; body: string; created_at: Generated<Date> };
    service_requests_templates: { id: Generated<string>; entity_code: string; title: string; body: string; created_by: string | null; created_at: Generated<Date> };
  }
}
