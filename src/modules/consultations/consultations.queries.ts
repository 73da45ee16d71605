import type { Executor } from '../../core/db/database.ts';
import type { AnswerRow } from './answers.ts';
import type { ConsultationResource } from './consultations.permissions.ts';
import type { Channel, QuestionSettings } from './consultations.schema.ts';
import type { QuestionDef } from './questionnaire.ts';
import { stateOf, type ConsultationState } from './state.ts';

export const PUBLIC_PATH = '/consultas';
export const ADMIN_PATH = '/admin/consultas';

export const consultationPath = (c: { id: string }) => `${PUBLIC_PATH}/${c.id}`;
export const adminPath = (c: { id: string }) => `${ADMIN_PATH}/${c.id}`;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Consultation {
  id: string;
  entity_code: string;
  entity_name: string;
  entity_acronym: string;
  title: string;
  description: string;
  opens_at: Date;
  closes_at: Date;
  min_level: 'identity' | 'residence';
  min_age: number;
  secret: boolean;
  allow_edit: boolean;
  published_at: Date | null;
  results_published_at: Date | null;
  sealed_at: Date | null;
  localidades: string[];
  state: ConsultationState;
}

function baseQuery(db: Executor) {
  return db
    .selectFrom('consultations_consultations as c')
    .innerJoin('core_entities as e', 'e.code', 'c.entity_code')
    .select([
      'c.id',
      'c.entity_code',
      'e.name as entity_name',
      'e.acronym as entity_acronym',
      'c.title',
      'c.description',
      'c.opens_at',
      'c.closes_at',
      'c.min_level',
      'c.min_age',
      'c.secret',
      'c.allow_edit',
      'c.published_at',
      'c.results_published_at',
      'c.sealed_at',
    ]);
}

type BaseRow = Omit<Consultation, 'localidades' | 'state'>;

async function withLocalidades(db: Executor, rows: BaseRow[], now: Date): Promise<Consultation[]> {
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('consultations_localidades')
    .select(['consultation_id', 'localidad_code'])
    .where(
      'consultation_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('localidad_code')
    .execute();
  return rows.map((r) => ({ ...r, localidades: links.filter((l) => l.consultation_id === r.id).map((l) => l.localidad_code), state: stateOf(r, now) }));
}

export async function findConsultation(db: Executor, id: string, now = new Date()): Promise<Consultation | null> {
  if (!UUID.test(id)) return null;
  const row = await baseQuery(db).where('c.id', '=', id).executeTakeFirst();
  return row ? ((await withLocalidades(db, [row], now))[0] ?? null) : null;
}

/** Published consultations, newest window first; `entityCodes` limits to those entities (back office). */
export async function listConsultations(db: Executor, options: { includeDrafts?: boolean; entityCodes?: string[] | null } = {}, now = new Date()): Promise<Consultation[]> {
  let query = baseQuery(db);
  if (!options.includeDrafts) query = query.where('c.published_at', 'is not', null);
  if (options.entityCodes) {
    if (options.entityCodes.length === 0) return [];
    query = query.where('c.entity_code', 'in', options.entityCodes);
  }
  const rows = await query.orderBy('c.opens_at', 'desc').orderBy('c.title').execute();
  return withLocalidades(db, rows, now);
}

/** The questionnaire in order, with options and conditions. */
export async function loadQuestionnaire(db: Executor, consultationId: string): Promise<QuestionDef[]> {
  const questions = await db
    .selectFrom('consultations_questions')
    .select(['id', 'position', 'kind', 'title', 'description', 'required', 'settings'])
    .where('consultation_id', '=', consultationId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  if (questions.length === 0) return [];
  const ids = questions.map((q) => q.id);
  const [options, conditions] = await Promise.all([
    db
      .selectFrom('consultations_options')
      .select(['id', 'question_id', 'position', 'label', 'description', 'image_file_id', 'image_alt'])
      .where('question_id', 'in', ids)
      .orderBy('position')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('consultations_conditions as k')
      .innerJoin('consultations_options as o', 'o.id', 'k.option_id')
      .select(['k.question_id', 'k.option_id', 'o.question_id as source_id'])
      .where('k.question_id', 'in', ids)
      .execute(),
  ]);
  return questions.map((q) => {
    const mine = conditions.filter((k) => k.question_id === q.id);
    return {
      id: q.id,
      position: q.position,
      kind: q.kind,
      title: q.title,
      description: q.description,
      required: q.required,
      settings: q.settings as QuestionSettings,
      options: options
        .filter((o) => o.question_id === q.id)
        .map((o) => ({ id: o.id, position: o.position, label: o.label, description: o.description, imageFileId: o.image_file_id, imageAlt: o.image_alt })),
      condition: mine.length ? { questionId: mine[0]!.source_id, optionIds: mine.map((k) => k.option_id) } : null,
    };
  });
}

export interface DocumentRow {
  id: string;
  title: string;
  file_id: string;
  size_bytes: string;
  original_name: string;
}

export function listDocuments(db: Executor, consultationId: string): Promise<DocumentRow[]> {
  return db
    .selectFrom('consultations_documents as d')
    .innerJoin('core_files as f', 'f.id', 'd.file_id')
    .select(['d.id', 'd.title', 'd.file_id', 'f.size_bytes', 'f.original_name'])
    .where('d.consultation_id', '=', consultationId)
    .orderBy('d.created_at')
    .orderBy('d.id')
    .execute();
}

/** The keyed hash of the person's current verified identity, if they have one. */
export async function identityHashOf(db: Executor, userId: string, now = new Date()): Promise<string | null> {
  const row = await db
    .selectFrom('core_identities')
    .select('identity_hash')
    .where('user_id', '=', userId)
    .where('expires_at', '>', now.toISOString() as never)
    .executeTakeFirst();
  return row?.identity_hash ?? null;
}

export async function participationOf(db: Executor, consultationId: string, identityHash: string | null): Promise<{ channel: Channel; participated_on: string } | null> {
  if (!identityHash) return null;
  const row = await db
    .selectFrom('consultations_participants')
    .select(['channel', 'participated_on'])
    .where('consultation_id', '=', consultationId)
    .where('identity_hash', '=', identityHash)
    .executeTakeFirst();
  return row ?? null;
}

/** A saved response's answers, found by its key (only the application can compute the key). */
export async function answersByKey(db: Executor, key: string): Promise<AnswerRow[]> {
  const rows = await db
    .selectFrom('consultations_responses as r')
    .innerJoin('consultations_answers as a', 'a.response_id', 'r.id')
    .select(['a.question_id', 'a.position', 'a.option_id', 'a.value_number', 'a.value_text'])
    .where('r.response_key', '=', key)
    .execute();
  return rows.map((r) => ({ questionId: r.question_id, position: r.position, optionId: r.option_id, number: r.value_number === null ? null : Number(r.value_number), text: r.value_text }));
}

/** What the permission rules need to know about a consultation (and the person's participation). */
export function resourceOf(c: Consultation, answeredBy: Channel | null = null): ConsultationResource {
  return {
    state: c.state,
    entityCode: c.entity_code,
    secret: c.secret,
    eligibility: { minLevel: c.min_level, minAge: c.min_age, localidades: c.localidades },
    answeredBy,
    allowEdit: c.allow_edit,
  };
}

export async function countParticipants(db: Executor, consultationId: string): Promise<{ total: number; byChannel: Record<Channel, number> }> {
  const rows = await db
    .selectFrom('consultations_participants')
    .select(['channel', (eb) => eb.fn.countAll<string>().as('n')])
    .where('consultation_id', '=', consultationId)
    .groupBy('channel')
    .execute();
  const byChannel = { online: 0, assisted: 0, paper: 0 } as Record<Channel, number>;
  for (const r of rows) byChannel[r.channel] = Number(r.n);
  return { total: byChannel.online + byChannel.assisted + byChannel.paper, byChannel };
}

/** Entities an actor may run consultations for (platform admins: all). */
export async function manageableEntities(db: Executor, roles: { role: string; entityCode: string | null }[]): Promise<{ code: string; name: string }[]> {
  const all = roles.some((r) => r.role === 'platform_admin' || (r.role === 'entity_official' && r.entityCode === null));
  const codes = roles.filter((r) => r.role === 'entity_official' && r.entityCode).map((r) => r.entityCode!);
  let query = db.selectFrom('core_entities').select(['code', 'name']).orderBy('name');
  if (!all) {
    if (codes.length === 0) return [];
    query = query.where('code', 'in', codes);
  }
  return query.execute();
}
