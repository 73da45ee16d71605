import { sql } from 'kysely';
import { addBusinessDays } from '../../core/calendar/business-days.ts';
import type { Executor } from '../../core/db/database.ts';
import type { RequestState } from './service-requests.schema.ts';

export const listTypes = (db: Executor) =>
  db.selectFrom('service_requests_types').select(['code', 'term_days', 'max_extension_days', 'habeas_data', 'legal_basis']).orderBy('position').orderBy('code').execute();

export type RequestType = Awaited<ReturnType<typeof listTypes>>[number];

export const listEntities = (db: Executor) => db.selectFrom('core_entities').select(['code', 'acronym', 'name']).orderBy('name').execute();

export const listLocalidades = (db: Executor) => db.selectFrom('core_localidades').select(['code', 'number', 'name']).orderBy('number').execute();

const requestColumns = [
  'r.id',
  'r.radicado',
  'r.type_code',
  'r.channel',
  'r.entity_code',
  'e.name as entity_name',
  'e.acronym as entity_acronym',
  'r.localidad_code',
  'r.subject',
  'r.description',
  'r.requester_kind',
  'r.requester_user_id',
  'r.requester_name',
  'r.requester_email',
  'r.requester_phone',
  'r.requester_address',
  'r.document_type',
  'r.locale',
  'r.follow_code_hash',
  'r.filed_at',
  'r.filed_on',
  'r.filed_by',
  'r.state',
  'r.term_days',
  'r.max_extension_days',
  'r.term_start_on',
  'r.original_due_on',
  'r.due_on',
  'r.extended_at',
  'r.extension_reason',
  'r.completion_requested_on',
  'r.completion_deadline_on',
  'r.assigned_to',
  'r.transfers',
  'r.answered_at',
  'r.answered_on',
  'r.answer_text',
  'r.answer_outcome',
  'r.closed_reason',
] as const;

function requestQuery(db: Executor) {
  return db
    .selectFrom('service_requests_requests as r')
    .innerJoin('core_entities as e', 'e.code', 'r.entity_code')
    .leftJoin('core_users as a', 'a.id', 'r.assigned_to')
    .leftJoin('core_users as u', 'u.id', 'r.requester_user_id')
    .select(requestColumns)
    .select(['a.display_name as assignee_name', 'u.display_name as account_name', 'u.email as account_email']);
}

export const findByRadicado = (db: Executor, radicado: string) => requestQuery(db).where('r.radicado', '=', radicado).executeTakeFirst();

export type RequestRow = NonNullable<Awaited<ReturnType<typeof findByRadicado>>>;

export function listAttachments(db: Executor, requestId: string) {
  return db
    .selectFrom('service_requests_attachments as a')
    .innerJoin('core_files as f', 'f.id', 'a.file_id')
    .select(['a.id', 'a.kind', 'f.original_name', 'f.media_type', 'f.size_bytes', 'f.sha256'])
    .where('a.request_id', '=', requestId)
    .orderBy('a.created_at')
    .orderBy('a.position')
    .execute();
}

export type AttachmentRow = Awaited<ReturnType<typeof listAttachments>>[number];

export function findAttachment(db: Executor, id: string) {
  return db
    .selectFrom('service_requests_attachments as a')
    .innerJoin('core_files as f', 'f.id', 'a.file_id')
    .innerJoin('service_requests_requests as r', 'r.id', 'a.request_id')
    .select(['a.id', 'a.kind', 'a.request_id', 'r.radicado', 'r.entity_code', 'r.requester_user_id', 'f.original_name', 'f.media_type', 'f.size_bytes', 'f.sha256'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

/** The timeline; `publicOnly` for the citizen (assignments are internal). */
export function listEvents(db: Executor, requestId: string, publicOnly: boolean) {
  let query = db
    .selectFrom('service_requests_events as ev')
    .leftJoin('core_entities as fe', 'fe.code', 'ev.from_entity')
    .leftJoin('core_entities as te', 'te.code', 'ev.to_entity')
    .leftJoin('core_users as u', 'u.id', 'ev.actor_id')
    .select(['ev.id', 'ev.kind', 'ev.occurred_at', 'ev.occurred_on', 'ev.due_before', 'ev.due_after', 'ev.reason', 'fe.name as from_name', 'te.name as to_name', 'u.display_name as actor_name'])
    .where('ev.request_id', '=', requestId);
  if (publicOnly) query = query.where('ev.public', '=', true);
  return query.orderBy('ev.id').execute();
}

export type EventRow = Awaited<ReturnType<typeof listEvents>>[number];

export const listNotes = (db: Executor, requestId: string) =>
  db
    .selectFrom('service_requests_notes as n')
    .leftJoin('core_users as u', 'u.id', 'n.author_id')
    .select(['n.id', 'n.body', 'n.created_at', 'u.display_name as author_name'])
    .where('n.request_id', '=', requestId)
    .orderBy('n.created_at')
    .execute();

/** Requests filed from an account ("Mis solicitudes"), newest first. */
export const listMine = (db: Executor, userId: string) =>
  db
    .selectFrom('service_requests_requests as r')
    .innerJoin('core_entities as e', 'e.code', 'r.entity_code')
    .select(['r.id', 'r.radicado', 'r.type_code', 'r.subject', 'r.state', 'r.filed_on', 'r.due_on', 'r.answered_on', 'e.name as entity_name'])
    .where('r.requester_user_id', '=', userId)
    .orderBy('r.filed_at', 'desc')
    .limit(200)
    .execute();

export type MineRow = Awaited<ReturnType<typeof listMine>>[number];

/** Officials who may be assigned a request of the entity (scoped to it, or to every entity). */
export const listOfficials = (db: Executor, entityCode: string) =>
  db
    .selectFrom('core_user_roles as r')
    .innerJoin('core_users as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.display_name'])
    .distinct()
    .where('r.role', '=', 'entity_official')
    .where((eb) => eb.or([eb('r.entity_code', '=', entityCode), eb('r.entity_code', '=', '')]))
    .where('u.disabled_at', 'is', null)
    .where('u.deleted_at', 'is', null)
    .orderBy('u.display_name')
    .execute();

export const listTemplates = (db: Executor, entityCodes: readonly string[] | null) => {
  let query = db
    .selectFrom('service_requests_templates as t')
    .innerJoin('core_entities as e', 'e.code', 't.entity_code')
    .select(['t.id', 't.entity_code', 'e.name as entity_name', 't.title', 't.body', 't.created_at'])
    .orderBy('e.name')
    .orderBy('t.title');
  if (entityCodes) query = query.where('t.entity_code', 'in', entityCodes.length ? [...entityCodes] : ['-']);
  return query.execute();
};

export type TemplateRow = Awaited<ReturnType<typeof listTemplates>>[number];

export interface QueueFilters {
  entity?: string;
  type?: string;
  state?: RequestState | 'open';
  due?: 'overdue' | 'soon';
  localidad?: string;
  assigned?: 'me' | 'none';
}

export const QUEUE_PAGE_SIZE = 25;

/**
 * The officials' queue: requests of the entities the person works for (all when `entityCodes` is
 * null), filtered, most urgent first (open requests by due date, then the rest by filing).
 */
export async function listQueue(db: Executor, input: { entityCodes: readonly string[] | null; filters: QueueFilters; userId: string; today: string; soonDays: number; page: number }) {
  const { filters } = input;
  let query = db.selectFrom('service_requests_requests as r').innerJoin('core_entities as e', 'e.code', 'r.entity_code').leftJoin('core_users as a', 'a.id', 'r.assigned_to');
  if (input.entityCodes) query = query.where('r.entity_code', 'in', input.entityCodes.length ? [...input.entityCodes] : ['-']);
  if (filters.entity) query = query.where('r.entity_code', '=', filters.entity);
  if (filters.type) query = query.where('r.type_code', '=', filters.type);
  if (filters.state === 'open') query = query.where('r.state', 'in', ['filed', 'in_progress']);
  else if (filters.state) query = query.where('r.state', '=', filters.state);
  if (filters.localidad) query = query.where('r.localidad_code', '=', filters.localidad);
  if (filters.assigned === 'me') query = query.where('r.assigned_to', '=', input.userId);
  if (filters.assigned === 'none') query = query.where('r.assigned_to', 'is', null);
  if (filters.due === 'overdue') query = query.where('r.state', 'in', ['filed', 'in_progress']).where('r.due_on', '<', input.today);
  if (filters.due === 'soon') {
    query = query.where('r.state', 'in', ['filed', 'in_progress']).where('r.due_on', '>=', input.today).where('r.due_on', '<=', addBusinessDays(input.today, input.soonDays));
  }
  const total = Number((await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await query
    .select([
      'r.id',
      'r.radicado',
      'r.type_code',
      'r.subject',
      'r.state',
      'r.channel',
      'r.filed_on',
      'r.due_on',
      'r.localidad_code',
      'r.entity_code',
      'e.acronym as entity_acronym',
      'a.display_name as assignee_name',
    ])
    .orderBy(sql`CASE WHEN r.state IN ('filed', 'in_progress') THEN 0 WHEN r.state = 'awaiting_completion' THEN 1 ELSE 2 END`)
    .orderBy(sql`CASE WHEN r.state IN ('filed', 'in_progress') THEN r.due_on END`)
    .orderBy('r.filed_at', 'desc')
    .limit(QUEUE_PAGE_SIZE)
    .offset((input.page - 1) * QUEUE_PAGE_SIZE)
    .execute();
  return { total, rows };
}

export type QueueRow = Awaited<ReturnType<typeof listQueue>>['rows'][number];

/** Counts for the officials' dashboard (their entities, or all). */
export async function dashboardCounts(db: Executor, input: { entityCodes: readonly string[] | null; today: string; soonDays: number; since: string }) {
  let base = db.selectFrom('service_requests_requests as r');
  if (input.entityCodes) base = base.where('r.entity_code', 'in', input.entityCodes.length ? [...input.entityCodes] : ['-']);
  const soon = addBusinessDays(input.today, input.soonDays);
  const row = await base
    .select([
      sql<string>`count(*) FILTER (WHERE r.state IN ('filed', 'in_progress'))`.as('open'),
      sql<string>`count(*) FILTER (WHERE r.state IN ('filed', 'in_progress') AND r.due_on < ${input.today})`.as('overdue'),
      sql<string>`count(*) FILTER (WHERE r.state IN ('filed', 'in_progress') AND r.due_on >= ${input.today} AND r.due_on <= ${soon})`.as('due_soon'),
      sql<string>`count(*) FILTER (WHERE r.state = 'awaiting_completion')`.as('awaiting'),
      sql<string>`count(*) FILTER (WHERE r.state IN ('filed', 'in_progress') AND r.assigned_to IS NULL)`.as('unassigned'),
      sql<string>`count(*) FILTER (WHERE r.answered_on >= ${input.since} AND r.answered_on <= r.due_on)`.as('answered_on_time'),
      sql<string>`count(*) FILTER (WHERE r.answered_on >= ${input.since} AND r.answered_on > r.due_on)`.as('answered_late'),
    ])
    .executeTakeFirstOrThrow();
  const byType = await base
    .select(['r.type_code', (eb) => eb.fn.countAll<string>().as('n')])
    .where('r.state', 'in', ['filed', 'in_progress', 'awaiting_completion'])
    .groupBy('r.type_code')
    .execute();
  return {
    open: Number(row.open),
    overdue: Number(row.overdue),
    dueSoon: Number(row.due_soon),
    awaiting: Number(row.awaiting),
    unassigned: Number(row.unassigned),
    answeredOnTime: Number(row.answered_on_time),
    answeredLate: Number(row.answered_late),
    openByType: byType.map((r) => ({ type: r.type_code, count: Number(r.n) })),
  };
}

/** The number of requests filed, for the home page. */
export async function countFiled(db: Executor): Promise<number> {
  const row = await db.selectFrom('service_requests_requests').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
