/**
 * Test fixtures (not used by the app): the app, people with known documents, and consultations placed in any
 * state relative to now, with a questionnaire inserted directly.
 */
import type { Db, Executor } from '../../core/db/database.ts';
import type { Role } from '../../core/permissions/permissions.ts';
import { identityHash, type DocumentType } from '../../core/verification/identity.ts';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, csrfFor, type TestApp } from '../../../test/app.ts';
import type { Engine } from '../../../test/database.ts';
import type { QuestionKind, QuestionSettings } from './consultations.schema.ts';
import type { ConsultationState } from './state.ts';

/** The real app on a fresh test database (the template holds the consultations tables and demo content). */
export async function buildConsultationsApp(engine: Engine = 'pglite', env: Record<string, string> = {}): Promise<TestApp> {
  return buildTestApp(engine, env);
}

let counter = 0;
const DAY = 86_400_000;

export interface PersonOptions {
  name?: string;
  /** Verified identity (default) or none ('registered'). */
  level?: 'registered' | 'identity' | 'residence';
  localidad?: string;
  birthDate?: string;
  guardianConsent?: boolean;
  gender?: string | null;
  document?: { type: DocumentType; number: string };
  roles?: readonly { role: Role; entityCode?: string | null }[];
}

/** A person whose identity hash is computed from a known document, so paper imports can meet them. */
export async function createResident(db: Db, secret: string, options: PersonOptions = {}): Promise<{ id: string; identityHash: string; document: { type: DocumentType; number: string } }> {
  counter++;
  const document = options.document ?? { type: 'CC' as const, number: String(70_000_000 + counter * 7 + Math.floor(Math.random() * 5)) };
  const hash = identityHash(secret, document.type, document.number);
  const birthDate = options.birthDate ?? '1985-04-10';
  const email = `consulta-${counter}-${Math.random().toString(36).slice(2, 8)}@example.co`;
  const { id } = await db.insertInto('core_users').values({ email, display_name: options.name ?? `Persona ${counter}` }).returning('id').executeTakeFirstOrThrow();
  await db
    .insertInto('core_profiles')
    .values({ user_id: id, document_type: document.type, document_hash: hash, birth_date: birthDate, localidad_code: options.localidad ?? '11', gender: options.gender === undefined ? 'female' : options.gender })
    .execute();
  const level = options.level ?? 'identity';
  const expires = new Date(Date.now() + 365 * DAY).toISOString();
  if (level !== 'registered') {
    await db.insertInto('core_identities').values({ identity_hash: hash, user_id: id, provider: 'registry', birth_date: birthDate, expires_at: expires }).execute();
    if (level === 'residence') await db.insertInto('core_residences').values({ user_id: id, localidad_code: options.localidad ?? '11', provider: 'registry', expires_at: expires }).execute();
  }
  if (options.guardianConsent) await db.insertInto('core_guardian_consents').values({ user_id: id, guardian_document_hash: identityHash(secret, 'CC', `9${counter}12345`), relation: 'mother' }).execute();
  for (const r of options.roles ?? []) await db.insertInto('core_user_roles').values({ user_id: id, role: r.role, entity_code: r.entityCode ?? '' }).execute();
  return { id, identityHash: hash, document };
}

/** Window dates that put a published consultation in `state` at `now`. */
export function windowFor(state: Exclude<ConsultationState, 'draft'>, now = Date.now()) {
  const offsets: Record<Exclude<ConsultationState, 'draft'>, [number, number]> = { upcoming: [5, 15], open: [-5, 5], closed: [-15, -5] };
  const [open, close] = offsets[state];
  return { opens_at: new Date(now + open * DAY).toISOString(), closes_at: new Date(now + close * DAY).toISOString() };
}

export interface QuestionSpec {
  kind: QuestionKind;
  title?: string;
  required?: boolean;
  settings?: QuestionSettings;
  options?: string[];
  /** Index of an earlier question and the indexes of its options that show this one. */
  showIf?: { question: number; options: number[] };
}

export interface ConsultationFixture {
  id: string;
  questions: { id: string; kind: QuestionKind; options: string[] }[];
}

/** Inserts a consultation with its questionnaire, in `state` (drafts open in the future). */
export async function createConsultation(
  db: Executor,
  options: {
    state: ConsultationState;
    questions: QuestionSpec[];
    secret?: boolean;
    allowEdit?: boolean;
    entityCode?: string;
    minLevel?: 'identity' | 'residence';
    minAge?: number;
    localidades?: string[];
    title?: string;
  },
): Promise<ConsultationFixture> {
  counter++;
  const window = windowFor(options.state === 'draft' ? 'upcoming' : options.state);
  const { id } = await db
    .insertInto('consultations_consultations')
    .values({
      entity_code: options.entityCode ?? 'sdp',
      title: options.title ?? `Consulta de prueba ${counter}`,
      description: 'Una consulta para las pruebas.\n\nSegundo párrafo.',
      ...window,
      min_level: options.minLevel ?? 'identity',
      min_age: options.minAge ?? 14,
      secret: options.secret ?? true,
      allow_edit: options.allowEdit ?? false,
      published_at: options.state === 'draft' ? null : new Date(Date.now() - 20 * DAY).toISOString(),
      updated_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const code of options.localidades ?? []) await db.insertInto('consultations_localidades').values({ consultation_id: id, localidad_code: code }).execute();
  const questions: ConsultationFixture['questions'] = [];
  for (const [index, spec] of options.questions.entries()) {
    const q = await db
      .insertInto('consultations_questions')
      .values({
        consultation_id: id,
        position: index + 1,
        kind: spec.kind,
        title: spec.title ?? `Pregunta ${index + 1} de prueba`,
        required: spec.required ?? true,
        settings: JSON.stringify(spec.settings ?? (spec.kind === 'rating_scale' ? { min: 1, max: 5 } : {})),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const optionIds: string[] = [];
    for (const [position, label] of (spec.options ?? []).entries()) {
      const o = await db.insertInto('consultations_options').values({ question_id: q.id, position: position + 1, label }).returning('id').executeTakeFirstOrThrow();
      optionIds.push(o.id);
    }
    if (spec.showIf) {
      const source = questions[spec.showIf.question]!;
      await db
        .insertInto('consultations_conditions')
        .values(spec.showIf.options.map((i) => ({ question_id: q.id, option_id: source.options[i]! })))
        .execute();
    }
    questions.push({ id: q.id, kind: spec.kind, options: optionIds });
  }
  return { id, questions };
}

/** Decodes the HTML entities preact writes, for text assertions. */
export const text = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Posts a multipart form as a browser would (CSRF token included), with optional files. */
export async function postMultipart(
  app: FastifyInstance,
  url: string,
  cookie: string | undefined,
  fields: Record<string, string>,
  files: Record<string, { filename: string; type: string; content: Buffer }> = {},
) {
  const csrf = await csrfFor(app);
  const boundary = `----gab${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries({ ...fields, _csrf: csrf.token })) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const [name, file] of Object.entries(files)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: [cookie, csrf.cookie].filter(Boolean).join('; '), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}

/** A JSON API call with the session cookie (and the CSRF header a page's script would send). */
export async function apiCall(app: FastifyInstance, method: 'GET' | 'POST', url: string, cookie?: string, body?: unknown) {
  const csrf = await csrfFor(app);
  return app.inject({
    method,
    url,
    headers: { cookie: [cookie, csrf.cookie].filter(Boolean).join('; '), 'x-csrf-token': csrf.token, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { payload: JSON.stringify(body) } : {}),
  });
}

/** Participants of a consultation, to prove a refused request changed nothing. */
export async function participantCount(db: Executor, consultationId: string): Promise<number> {
  return Number((await db.selectFrom('consultations_participants').select((eb) => eb.fn.countAll<string>().as('n')).where('consultation_id', '=', consultationId).executeTakeFirstOrThrow()).n);
}

/** The app with this module listening on a free local port, for the browser tests. */
export async function startConsultationsTestServer(): Promise<{ baseUrl: string; testApp: TestApp; close(): Promise<void> }> {
  const testApp = await buildConsultationsApp('pglite');
  try {
    const address = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    return { baseUrl: address.replace(/\/$/, ''), testApp, close: () => testApp.close() };
  } catch (error) {
    await testApp.close();
    throw error;
  }
}
