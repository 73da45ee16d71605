import { sql } from 'kysely';
import type { Tx } from '../../core/db/database.ts';
import { sha256Hex } from '../../core/security/tokens.ts';
import { answerDueDate } from './answer-due-date.ts';
import { EXPIRE_JOB, scheduleExpiry } from './commands/expire-causes.ts';
import { CAUSES_SETTINGS } from './causes.settings.ts';
import type { CauseState } from './states.ts';
import { TOPICS } from './topics.ts';

/** Topics (idempotent upserts) and the periodic expiry job (queued unless one is waiting). */
export async function seedCausesReference(tx: Tx): Promise<void> {
  for (const [position, code] of TOPICS.entries()) {
    await tx.insertInto('causes_topics').values({ code, position }).onConflict((oc) => oc.column('code').doUpdateSet({ position })).execute();
  }
  await scheduleExpiry(tx, new Date());
}
export { EXPIRE_JOB };

/** Fixed ids, so the demo cause pages can be listed in the manifest (and checked by the browser suite). */
export const DEMO_CAUSES = {
  published: '3b1f6a0e-6c1d-4a8e-9a51-0c0a5e000001',
  overdue: '3b1f6a0e-6c1d-4a8e-9a51-0c0a5e000002',
  answered: '3b1f6a0e-6c1d-4a8e-9a51-0c0a5e000003',
  expired: '3b1f6a0e-6c1d-4a8e-9a51-0c0a5e000004',
  inResponse: '3b1f6a0e-6c1d-4a8e-9a51-0c0a5e000005',
} as const;

const DAY = 86_400_000;

/**
 * Demo people: no password (nobody can sign in as them) and an unconfirmed `.invalid` address
 * (no e-mail ever leaves for them). Verified identities, so their causes and supports are
 * consistent with the rules.
 */
const DEMO_PEOPLE = ['Marta Lucía Rincón', 'Jhon Fredy Cárdenas', 'Luz Dary Moreno', 'Andrés Felipe Ortiz', 'Yeimy Alejandra Pardo', 'Óscar Iván Beltrán'];

async function demoPeople(tx: Tx, now: Date): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, name] of DEMO_PEOPLE.entries()) {
    const email = `demo.causas.${i + 1}@gab.invalid`;
    await tx.insertInto('core_users').values({ email, display_name: name, password_hash: null }).onConflict((oc) => oc.column('email').doNothing()).execute();
    const { id } = await tx.selectFrom('core_users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    await tx
      .insertInto('core_identities')
      .values({ identity_hash: sha256Hex(`gab-demo-causes-identity-${i + 1}`), user_id: id, provider: 'registry', birth_date: `19${70 + i * 4}-0${(i % 9) + 1}-15`, expires_at: new Date(now.getTime() + 730 * DAY).toISOString() })
      .onConflict((oc) => oc.doNothing())
      .execute();
    ids.push(id);
  }
  return ids;
}

interface DemoCause {
  id: string;
  author: number;
  title: string;
  problem: string;
  evidence: string;
  links?: string[];
  localidad: string | null;
  topic: string;
  entity: string | null;
  state: CauseState;
  publishedDaysAgo: number;
  supports: number;
  reachedDaysAgo?: number;
  acknowledgedDaysAgo?: number;
  answeredDaysAgo?: number;
  answer?: string;
  link?: { kind: 'consultation' | 'pb-proposal' | 'commitment' | 'other'; url: string; title: string };
  update?: { daysAgo: number; body: string };
  comments?: { author: number; body: string; daysAgo: number; hidden?: string; replies?: { author: number; body: string; daysAgo: number }[] }[];
}

const THRESHOLD = CAUSES_SETTINGS.support_threshold.default;
const SUPPORT_DAYS = CAUSES_SETTINGS.support_days.default;
const TERM = CAUSES_SETTINGS.answer_term_business_days.default;

const CAUSES: DemoCause[] = [
  {
    id: DEMO_CAUSES.published,
    author: 0,
    title: 'Alumbrado público en el parque Timiza y sus senderos',
    problem:
      'Los senderos del parque Timiza quedan a oscuras desde las 6 de la tarde: de 40 postes, 17 no encienden. Quienes salen del trabajo o de clase y cruzan el parque hacia la avenida Boyacá evitan pasar, y los vecinos reportan robos frecuentes en el tramo sin luz.',
    evidence: 'Recorrido nocturno de la junta de acción comunal el 3 de marzo: 17 postes apagados, 4 con la luminaria rota. Reportes a la línea 195 sin respuesta desde enero.',
    links: ['https://www.uaesp.gov.co/'],
    localidad: '08',
    topic: 'seguridad',
    entity: 'uaesp',
    state: 'published',
    publishedDaysAgo: 20,
    supports: 137,
    update: { daysAgo: 6, body: 'La junta de acción comunal entregó el inventario de postes a la Alcaldía Local de Kennedy. Seguimos recogiendo apoyos.' },
    comments: [
      {
        author: 1,
        body: 'Paso por ahí todos los días a las 7 p. m. y el tramo junto a la cancha es el más oscuro.',
        daysAgo: 15,
        replies: [{ author: 0, body: 'Gracias: ese tramo tiene seis de los postes apagados.', daysAgo: 14 }],
      },
      { author: 2, body: 'Mensaje con datos personales de un vecino.', daysAgo: 10, hidden: 'Publicaba el número de teléfono de una persona.' },
      { author: 3, body: 'También falta poda: los árboles tapan la luz de los postes que sí funcionan.', daysAgo: 8 },
    ],
  },
  {
    id: DEMO_CAUSES.overdue,
    author: 1,
    title: 'Semáforo peatonal en la calle 145 con avenida Suba',
    problem:
      'En el cruce de la calle 145 con la avenida Suba no hay fase peatonal: niñas y niños de dos colegios cruzan seis carriles entre los carros. En el último año hubo tres atropellos registrados por la comunidad en este punto.',
    evidence: 'Conteo de la asociación de padres: 1.200 peatones entre 6 y 8 a. m. en días de colegio.',
    localidad: '11',
    topic: 'movilidad',
    entity: 'sdm',
    state: 'threshold_reached',
    publishedDaysAgo: 60,
    supports: 612,
    reachedDaysAgo: 40,
    comments: [{ author: 4, body: 'Mis hijos cruzan ahí. El agente de tránsito solo está algunos días.', daysAgo: 50 }],
  },
  {
    id: DEMO_CAUSES.answered,
    author: 2,
    title: 'Recuperar la ronda del río Fucha como corredor verde',
    problem:
      'La ronda del río Fucha acumula escombros y basura en varios tramos, lo que causa malos olores, roedores e inundaciones en temporada de lluvias. Proponemos recuperar la ronda como corredor verde con senderos y siembra de especies nativas.',
    evidence: 'Jornadas de limpieza de 2024 retiraron 38 toneladas de residuos en 2 km de ronda.',
    localidad: null,
    topic: 'ambiente',
    entity: 'sda',
    state: 'answered',
    publishedDaysAgo: 100,
    supports: 540,
    reachedDaysAgo: 70,
    acknowledgedDaysAgo: 66,
    answeredDaysAgo: 58,
    answer:
      'La Secretaría Distrital de Ambiente incluyó la ronda del río Fucha en el plan de corredores ecológicos 2025-2027. En el primer semestre se hará el retiro de residuos en los tramos señalados junto con la UAESP, y en el segundo la siembra de 3.000 individuos de especies nativas con participación de la comunidad. El avance se publicará en el tablero de compromisos.',
    link: { kind: 'commitment', url: 'https://www.ambientebogota.gov.co/', title: 'Plan de corredores ecológicos 2025-2027' },
    comments: [{ author: 5, body: '¡Buena noticia! ¿Cómo nos inscribimos para las jornadas de siembra?', daysAgo: 50 }],
  },
  {
    id: DEMO_CAUSES.expired,
    author: 3,
    title: 'Presión de agua en los barrios altos de Usme',
    problem: 'En los barrios de la parte alta de Usme el agua llega sin presión después de las 10 de la mañana: no alcanza para subir a los tanques y muchas familias dependen de carrotanques.',
    evidence: '',
    localidad: '05',
    topic: 'servicios-publicos',
    entity: 'eaab',
    state: 'expired',
    publishedDaysAgo: 120,
    supports: 41,
  },
  {
    id: DEMO_CAUSES.inResponse,
    author: 4,
    title: 'Andenes accesibles en la carrera 13 de Chapinero',
    problem:
      'Los andenes de la carrera 13 entre calles 53 y 63 tienen desniveles, rampas rotas y postes en el medio: una persona en silla de ruedas no puede recorrerlos y debe bajar a la calzada.',
    evidence: 'Recorrido con la mesa local de discapacidad: 23 puntos sin rampa o con rampa dañada.',
    localidad: '02',
    topic: 'espacio-publico',
    entity: 'idu',
    state: 'in_response',
    publishedDaysAgo: 30,
    supports: 505,
    reachedDaysAgo: 3,
    acknowledgedDaysAgo: 1,
  },
];

const ago = (now: Date, days: number) => new Date(now.getTime() - days * DAY);

/**
 * Demo content: five causes across localidades in every kind of state (collecting supports, over
 * the threshold with an overdue answer, answered, expired, in response), with supports, comments
 * (one hidden by moderation), timelines and an official answer. Runs once (first start); also
 * safe to run again.
 */
export async function seedCausesDemo(tx: Tx): Promise<void> {
  const now = new Date();
  const people = await demoPeople(tx, now);
  for (const c of CAUSES) {
    const exists = await tx.selectFrom('causes_causes').select('id').where('id', '=', c.id).executeTakeFirst();
    if (exists) continue;
    const published = ago(now, c.publishedDaysAgo);
    const deadline = new Date(published.getTime() + SUPPORT_DAYS * DAY);
    const reached = c.reachedDaysAgo !== undefined ? ago(now, c.reachedDaysAgo) : null;
    const acknowledged = c.acknowledgedDaysAgo !== undefined ? ago(now, c.acknowledgedDaysAgo) : null;
    const answered = c.answeredDaysAgo !== undefined ? ago(now, c.answeredDaysAgo) : null;
    const author = people[c.author]!;
    await tx
      .insertInto('causes_causes')
      .values({
        id: c.id,
        author_id: author,
        title: c.title,
        problem: c.problem,
        evidence: c.evidence,
        localidad_code: c.localidad,
        topic_code: c.topic,
        target_entity_code: c.entity,
        state: c.state,
        threshold: THRESHOLD,
        support_days: SUPPORT_DAYS,
        answer_term_business_days: TERM,
        supports_count: c.supports,
        created_at: ago(now, c.publishedDaysAgo + 1),
        updated_at: published,
        published_at: published,
        deadline_at: deadline,
        threshold_reached_at: reached,
        answer_due_on: reached ? answerDueDate(reached, TERM) : null,
        acknowledged_at: acknowledged,
        answered_at: answered,
        closed_at: c.state === 'expired' ? deadline : null,
      })
      .execute();
    // Supports from identities of people who are not demo accounts (as supports of deleted
    // accounts look): only the counts matter here.
    await sql`
      INSERT INTO causes_supports (cause_id, identity_hash, created_at)
      SELECT ${c.id}::uuid, encode(sha256(convert_to(${c.id} || '-' || g, 'UTF8')), 'hex'),
             ${published.toISOString()}::timestamptz + (g * interval '37 minutes')
      FROM generate_series(1, ${c.supports}::int) AS g`.execute(tx);
    for (const [position, url] of (c.links ?? []).entries()) await tx.insertInto('causes_evidence_links').values({ cause_id: c.id, position, url }).execute();
    await tx.insertInto('causes_follows').values({ cause_id: c.id, user_id: author }).execute();

    const events: { kind: 'created' | 'state' | 'update' | 'link'; from?: CauseState; to?: CauseState; at: Date; body?: string }[] = [
      { kind: 'created', at: ago(now, c.publishedDaysAgo + 1) },
      { kind: 'state', from: 'draft', to: 'published', at: published },
    ];
    if (reached) events.push({ kind: 'state', from: 'published', to: 'threshold_reached', at: reached });
    if (acknowledged) events.push({ kind: 'state', from: 'threshold_reached', to: 'in_response', at: acknowledged });
    if (answered) events.push({ kind: 'state', from: acknowledged ? 'in_response' : 'threshold_reached', to: 'answered', at: answered });
    if (c.state === 'expired') events.push({ kind: 'state', from: 'published', to: 'expired', at: deadline });
    if (c.update) events.push({ kind: 'update', at: ago(now, c.update.daysAgo), body: c.update.body });
    if (c.link && answered) events.push({ kind: 'link', at: new Date(answered.getTime() + DAY), body: c.link.title });
    await tx
      .insertInto('causes_events')
      .values(events.map((e) => ({ cause_id: c.id, kind: e.kind, from_state: e.from ?? null, to_state: e.to ?? null, body: e.body ?? '', actor_id: e.kind === 'state' ? null : author, occurred_at: e.at.toISOString() })))
      .execute();
    if (c.answer && answered) {
      await tx.insertInto('causes_answers').values({ cause_id: c.id, entity_code: c.entity!, body: c.answer, answered_by: null, answered_at: answered.toISOString() }).execute();
    }
    if (c.link && answered) {
      await tx.insertInto('causes_links').values({ cause_id: c.id, kind: c.link.kind, url: c.link.url, title: c.link.title, created_by: null, created_at: new Date(answered.getTime() + DAY) }).execute();
    }
    for (const comment of c.comments ?? []) {
      const row = await tx
        .insertInto('causes_comments')
        .values({
          cause_id: c.id,
          author_id: people[comment.author]!,
          body: comment.body,
          created_at: ago(now, comment.daysAgo).toISOString(),
          hidden_at: comment.hidden ? ago(now, comment.daysAgo - 1).toISOString() : null,
          hidden_reason: comment.hidden ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const reply of comment.replies ?? []) {
        await tx.insertInto('causes_comments').values({ cause_id: c.id, parent_id: row.id, author_id: people[reply.author]!, body: reply.body, created_at: ago(now, reply.daysAgo).toISOString() }).execute();
      }
    }
  }
}
