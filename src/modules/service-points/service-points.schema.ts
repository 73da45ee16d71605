import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, string | Date | undefined, string | Date>;
type NullableTimestamp = ColumnType<Date | null, string | Date | null | undefined, string | Date | null>;
/** numeric columns come back as strings (exact), and accept numbers or strings. */
type NullableNumeric = ColumnType<string | null, string | number | null | undefined, string | number | null>;
/** `time` columns come back as 'HH:MM:SS'. */
type Time = ColumnType<string, string, string>;
type NullableTime = ColumnType<string | null, string | null, string | null>;
/** `date` columns stay 'YYYY-MM-DD' (see core/db/database.ts). */
type Day = ColumnType<string, string, string>;

export const CENTRE_KINDS = ['supercade', 'cade', 'rapicade', 'movil'] as const;
export type CentreKind = (typeof CENTRE_KINDS)[number];

/** Accessibility features a centre may report (the migration's CHECK lists the same). */
export const ACCESSIBILITY_FEATURES = ['ramp', 'elevator', 'accessible_restroom', 'sign_language', 'preferential_attention', 'braille', 'accessible_parking', 'hearing_loop'] as const;
export type AccessibilityFeature = (typeof ACCESSIBILITY_FEATURES)[number];

export const CHANNELS = ['online', 'in_person', 'both'] as const;
export type Channel = (typeof CHANNELS)[number];

export const COST_KINDS = ['free', 'fixed', 'variable'] as const;
export type CostKind = (typeof COST_KINDS)[number];

export type CancelCause = 'person' | 'closure' | 'schedule_change';

/** A turn's life: booked, then cancelled, or marked by the desk as attended or missed. */
export const BOOKING_STATUSES = ['active', 'cancelled', 'attended', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
/** What the desk can record about a turn of today or earlier. */
export type TurnOutcome = Extract<BookingStatus, 'attended' | 'no_show'>;

declare module '../../core/db/schema.ts' {
  interface Database {
    service_points_centres: {
      id: Generated<string>;
      slug: string;
      kind: CentreKind;
      name: string;
      address: string | null;
      localidad_code: string | null;
      latitude: NullableNumeric;
      longitude: NullableNumeric;
      description: Generated<string>;
      accessibility: ColumnType<AccessibilityFeature[], AccessibilityFeature[] | undefined, AccessibilityFeature[]>;
      source_url: string | null;
      created_at: Generated<Date>;
      updated_at: Timestamp;
    };
    service_points_centre_entities: { centre_id: string; entity_code: string };
    service_points_hours: { centre_id: string; weekday: number; opens: Time; closes: Time };
    service_points_exceptions: {
      centre_id: string;
      day: Day;
      closed: boolean;
      opens: NullableTime;
      closes: NullableTime;
      reason: string;
      created_at: Generated<Date>;
      created_by: string | null;
    };
    service_points_visits: { centre_id: string; day: Day; opens: Time; closes: Time; place: string; localidad_code: string; created_by: string | null };
    service_points_services: {
      id: Generated<string>;
      slug: string;
      name: string;
      summary: Generated<string>;
      entity_code: string;
      requirements: ColumnType<string[], string[] | undefined, string[]>;
      cost_kind: CostKind;
      cost_cop: NullableNumeric;
      cost_note: Generated<string>;
      channel: Channel;
      online_url: string | null;
      source_url: string | null;
      created_at: Generated<Date>;
      updated_at: Timestamp;
    };
    service_points_offerings: {
      centre_id: string;
      service_id: string;
      active: Generated<boolean>;
      slot_minutes: number | null;
      capacity: number | null;
      updated_at: Timestamp;
      updated_by: string | null;
    };
    service_points_slots: {
      centre_id: string;
      service_id: string;
      starts_at: ColumnType<Date, string, string>;
      ends_at: ColumnType<Date, string, string>;
      capacity: number;
      booked: Generated<number>;
    };
    service_points_bookings: {
      id: Generated<string>;
      code: string;
      centre_id: string;
      service_id: string;
      starts_at: ColumnType<Date, string, string>;
      day: Day;
      person_hash: string;
      user_id: string | null;
      status: ColumnType<BookingStatus, BookingStatus | undefined, BookingStatus>;
      created_at: Generated<Date>;
      updated_at: Timestamp;
      cancelled_at: NullableTimestamp;
      cancel_cause: ColumnType<CancelCause | null, CancelCause | null | undefined, CancelCause | null>;
      cancel_note: string | null;
      marked_at: NullableTimestamp;
      marked_by: string | null;
    };
  }
}
