import { Readable } from 'node:stream';
import type { Tx } from '../../core/db/database.ts';
import { bogotaDay } from '../../core/i18n/i18n.ts';
import type { Services } from '../../core/modules/module.ts';
import type { Actor } from '../../core/permissions/permissions.ts';
import { identityHash } from '../../core/verification/identity.ts';
import { emptyRaw, validateSubmission, type AnswerRow, type RawAnswer } from './answers.ts';
import { ageBandOf } from './categories.ts';
import { importPaperResponses } from './commands/import-paper.ts';
import { sealConsultation } from './commands/seal-consultation.ts';
import { loadQuestionnaire } from './consultations.queries.ts';
import type { QuestionKind, QuestionSettings } from './consultations.schema.ts';
import { simplePdf } from './demo-pdf.ts';
import { TEXT_KINDS, type QuestionDef } from './questionnaire.ts';
import { responseKey } from './response-key.ts';

/**
 * Demo content: an open consultation (secret answers that can be changed), a closed secret one
 * and a closed public one with results, and an upcoming one. Respondents are demo accounts with
 * no password (nobody can sign in as them) and verified identities; answers are drawn from a
 * fixed pseudo-random sequence, so every installation shows the same charts, with enough people
 * per group for real breakdowns and a few small groups to show the minimum group size at work.
 */

const DAY = 86_400_000;
export const DEMO_IDS = {
  open: '6f0c6c1e-3b1a-4c55-9a51-0d6f8c2b7a01',
  closed: '6f0c6c1e-3b1a-4c55-9a51-0d6f8c2b7a02',
  public: '6f0c6c1e-3b1a-4c55-9a51-0d6f8c2b7a03',
  upcoming: '6f0c6c1e-3b1a-4c55-9a51-0d6f8c2b7a04',
} as const;

/** mulberry32: small, fast and the same everywhere. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** Picks an index by weights. */
  const weighted = (weights: readonly number[]) => {
    let r = next() * weights.reduce((a, b) => a + b, 0);
    for (const [i, w] of weights.entries()) if ((r -= w) < 0) return i;
    return weights.length - 1;
  };
  return { next, weighted, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

interface QuestionSeed {
  kind: QuestionKind;
  title: string;
  description?: string;
  required?: boolean;
  settings?: QuestionSettings;
  options?: string[];
  showIf?: { question: number; options: number[] };
}

async function insertConsultation(
  tx: Tx,
  row: { id: string; entity_code: string; title: string; description: string; opens_at: Date; closes_at: Date; secret: boolean; allow_edit: boolean; min_age?: number },
  questions: QuestionSeed[],
): Promise<QuestionDef[]> {
  await tx
    .insertInto('consultations_consultations')
    .values({
      ...row,
      opens_at: row.opens_at.toISOString(),
      closes_at: row.closes_at.toISOString(),
      min_level: 'identity',
      min_age: row.min_age ?? 14,
      published_at: new Date(row.opens_at.getTime() - 7 * DAY).toISOString(),
      updated_at: new Date(row.opens_at.getTime() - 7 * DAY).toISOString(),
    })
    .execute();
  const optionIds: string[][] = [];
  for (const [index, q] of questions.entries()) {
    const { id } = await tx
      .insertInto('consultations_questions')
      .values({ consultation_id: row.id, position: index + 1, kind: q.kind, title: q.title, description: q.description ?? '', required: q.required ?? true, settings: JSON.stringify(q.settings ?? {}) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ids: string[] = [];
    for (const [position, label] of (q.options ?? []).entries()) {
      ids.push((await tx.insertInto('consultations_options').values({ question_id: id, position: position + 1, label }).returning('id').executeTakeFirstOrThrow()).id);
    }
    optionIds.push(ids);
    if (q.showIf) await tx.insertInto('consultations_conditions').values(q.showIf.options.map((i) => ({ question_id: id, option_id: optionIds[q.showIf!.question]![i]! }))).execute();
  }
  return loadQuestionnaire(tx, row.id);
}

interface DemoPerson {
  actor: Actor;
  identityHash: string;
  gender: string;
}

// Where the demo respondents live: six localidades with many people, two with very few (their
// groups stay under the minimum size and are shown as such).
const LOCALIDADES = ['11', '08', '10', '07', '01', '09', '20', '17'];
const LOCALIDAD_WEIGHTS = [40, 34, 30, 26, 22, 20, 2, 3];
const GENDERS = ['female', 'male', 'non_binary', 'prefer_not_to_say'];
const GENDER_WEIGHTS = [50, 44, 2, 4];
const ETHNIC = ['none', 'afro', 'indigenous', 'prefer_not_to_say'];
const FIRST = ['Ana', 'Luis', 'María', 'Carlos', 'Sofía', 'Jorge', 'Valentina', 'Andrés', 'Camila', 'Julián', 'Laura', 'Diego', 'Paula', 'Mateo', 'Daniela', 'Santiago'];
const LAST = ['Rodríguez', 'Gómez', 'Martínez', 'López', 'González', 'Pérez', 'Sánchez', 'Ramírez', 'Torres', 'Díaz', 'Vargas', 'Rojas'];

/** Demo people, inserted table by table in a few statements (the seed runs on every first start). */
async function createRespondents(tx: Tx, secret: string, count: number, rng: ReturnType<typeof generator>, now: Date): Promise<DemoPerson[]> {
  const expires = new Date(now.getTime() + 2 * 365 * DAY).toISOString();
  const specs = Array.from({ length: count }, (_, index) => {
    const i = index + 1;
    // Age bands: 14–17, 18–28, 29–59, 60+.
    const band = rng.weighted([7, 28, 50, 15]);
    const age = [rng.int(14, 17), rng.int(18, 28), rng.int(29, 59), rng.int(60, 82)][band]!;
    const birth = new Date(now.getTime() - (age * 365.25 + rng.int(40, 300)) * DAY).toISOString().slice(0, 10);
    const type = age < 18 ? ('TI' as const) : ('CC' as const);
    return {
      i,
      age,
      birth,
      type,
      localidad: LOCALIDADES[rng.weighted(LOCALIDAD_WEIGHTS)]!,
      gender: GENDERS[rng.weighted(GENDER_WEIGHTS)]!,
      hash: identityHash(secret, type, String(1_000_100_000 + i * 37)),
      name: `${FIRST[rng.int(0, FIRST.length - 1)]} ${LAST[rng.int(0, LAST.length - 1)]} (demo)`,
      ethnic: ETHNIC[rng.weighted([80, 10, 4, 6])]!,
      disability: rng.next() < 0.08 ? 'physical' : 'none',
      victim: rng.next() < 0.12 ? 'yes' : 'no',
    };
  });
  const users = await tx
    .insertInto('core_users')
    // No password: demo accounts cannot be signed into.
    .values(specs.map((p) => ({ email: `demo.consultas.${String(p.i).padStart(3, '0')}@demo.gab.invalid`, display_name: p.name, password_hash: null, email_confirmed_at: now.toISOString() })))
    .returning(['id', 'email'])
    .execute();
  const idOf = new Map(users.map((u) => [u.email, u.id]));
  const people = specs.map((p) => ({ ...p, id: idOf.get(`demo.consultas.${String(p.i).padStart(3, '0')}@demo.gab.invalid`)! }));
  await tx
    .insertInto('core_profiles')
    .values(people.map((p) => ({ user_id: p.id, document_type: p.type, document_hash: p.hash, birth_date: p.birth, localidad_code: p.localidad, gender: p.gender, ethnic_group: p.ethnic, disability: p.disability, conflict_victim: p.victim })))
    .execute();
  await tx.insertInto('core_identities').values(people.map((p) => ({ identity_hash: p.hash, user_id: p.id, provider: 'registry' as const, birth_date: p.birth, expires_at: expires }))).execute();
  await tx.insertInto('core_residences').values(people.map((p) => ({ user_id: p.id, localidad_code: p.localidad, provider: 'registry' as const, expires_at: expires }))).execute();
  const minors = people.filter((p) => p.age < 18);
  if (minors.length) await tx.insertInto('core_guardian_consents').values(minors.map((p) => ({ user_id: p.id, guardian_document_hash: identityHash(secret, 'CC', String(52_000_000 + p.i)), relation: 'mother' as const }))).execute();
  return people.map((p) => ({
    identityHash: p.hash,
    actor: { userId: p.id, displayName: p.name, roles: [], level: 'residence', birthDate: p.birth, residenceLocalidad: p.localidad, guardianConsent: p.age < 18, consentGiven: true, assistedBy: null },
    gender: p.gender,
  }));
}

/** Builds and validates one person's answers (a programming error if the demo answers are invalid). */
function answersFor(questions: QuestionDef[], pick: (q: QuestionDef, raw: RawAnswer) => void) {
  const raw = new Map(questions.map((q) => [q.id, emptyRaw()] as const));
  for (const q of questions) pick(q, raw.get(q.id)!);
  const validated = validateSubmission(questions, raw);
  if (Object.keys(validated.errors).length) throw new Error(`invalid demo answers: ${JSON.stringify(validated.errors)}`);
  return validated.rows;
}

interface DemoResponse {
  person: DemoPerson;
  at: Date;
  rows: AnswerRow[];
}

/**
 * Writes demo responses in bulk with the same rows the answer command writes (participant, then
 * response and answers in another order), without an audit entry per demo answer.
 */
async function insertResponses(tx: Tx, secret: string, consultation: { id: string; secret: boolean }, questions: QuestionDef[], responses: DemoResponse[]) {
  await tx
    .insertInto('consultations_participants')
    .values(responses.map((r) => ({ consultation_id: consultation.id, identity_hash: r.person.identityHash, channel: 'online' as const, participated_on: bogotaDay(r.at) })))
    .execute();
  const shuffled = [...responses].sort((a, b) => (responseKey(secret, consultation.id, a.person.identityHash) < responseKey(secret, consultation.id, b.person.identityHash) ? -1 : 1));
  const rows = await tx
    .insertInto('consultations_responses')
    .values(
      shuffled.map((r) => ({
        consultation_id: consultation.id,
        secret: consultation.secret,
        response_key: responseKey(secret, consultation.id, r.person.identityHash),
        user_id: consultation.secret ? null : r.person.actor.userId,
        submitted_at: consultation.secret ? null : r.at.toISOString(),
        age_band: ageBandOf(r.person.actor.birthDate, r.at),
        localidad_code: r.person.actor.residenceLocalidad ?? null,
        gender: r.person.gender,
      })),
    )
    .returning(['id', 'response_key'])
    .execute();
  const idOf = new Map(rows.map((r) => [r.response_key, r.id]));
  const textQuestions = new Set(questions.filter((q) => TEXT_KINDS.includes(q.kind)).map((q) => q.id));
  const answers = shuffled.flatMap((r) => {
    const responseId = idOf.get(responseKey(secret, consultation.id, r.person.identityHash))!;
    return r.rows.map((a) => ({
      response_id: responseId,
      question_id: a.questionId,
      position: a.position,
      option_id: a.optionId,
      value_number: a.number,
      value_text: a.text,
      moderation: textQuestions.has(a.questionId) && a.text !== null ? ('pending' as const) : null,
    }));
  });
  for (let i = 0; i < answers.length; i += 1000) await tx.insertInto('consultations_answers').values(answers.slice(i, i + 1000)).execute();
}

const PARK_PHRASES = [
  'Más iluminación en la noche.',
  'Bancas a la sombra para las personas mayores.',
  'Canecas y más aseo los fines de semana.',
  'Un baño público cerca.',
  'Juegos para niños pequeños.',
  'Árboles y zonas verdes, no solo cemento.',
  'Vigilancia para que las familias se sientan seguras.',
  'Un espacio para sacar a los perros sin molestar.',
  'Bebederos de agua.',
  'Rampas para sillas de ruedas y coches de bebé.',
];

export async function seedConsultationsDemo(tx: Tx, services: Services): Promise<void> {
  const exists = await tx.selectFrom('consultations_consultations').select('id').where('id', '=', DEMO_IDS.closed).executeTakeFirst();
  if (exists) return;
  const secret = services.config.secret;
  const now = new Date();
  const rng = generator(20260302);
  const people = await createRespondents(tx, secret, 190, rng, now);

  // ----- closed, secret: parques de bolsillo -----
  const closedWindow = { opens_at: new Date(now.getTime() - 45 * DAY), closes_at: new Date(now.getTime() - 15 * DAY) };
  const parks = await insertConsultation(
    tx,
    {
      id: DEMO_IDS.closed,
      entity_code: 'idrd',
      title: 'Parques de bolsillo: ¿qué quiere en el parque de su barrio?',
      description:
        'El IDRD va a adecuar 40 parques de bolsillo en 2026 y quiere saber qué usos y mejoras prefiere la ciudadanía.\n\nLos resultados orientan el diseño de cada parque. Las respuestas fueron secretas: se sabe quién participó, no qué respondió cada persona.',
      ...closedWindow,
      secret: true,
      allow_edit: true,
    },
    [
      { kind: 'single_choice', title: '¿Qué uso principal debe tener el nuevo parque de bolsillo?', options: ['Juegos infantiles', 'Gimnasio al aire libre', 'Huerta comunitaria', 'Zona para mascotas'] },
      { kind: 'ranking', title: 'Ordene sus tres mejoras prioritarias', settings: { rankCount: 3 }, options: ['Iluminación', 'Arborización', 'Bancas y sombra', 'Baños públicos', 'Vigilancia'] },
      { kind: 'rating_scale', title: '¿Qué tan satisfecho está con los parques de su barrio?', settings: { min: 1, max: 5, minLabel: 'Nada satisfecho', maxLabel: 'Muy satisfecho' } },
      { kind: 'short_text', title: 'En una frase, ¿qué le falta al parque de su barrio?', required: false, settings: { maxLength: 200 } },
      { kind: 'number', title: '¿Cuántas veces por semana va a un parque?', required: false, settings: { min: 0, max: 14, integer: true } },
    ],
  );
  const closedConsultation = { id: DEMO_IDS.closed, secret: true };
  const byAge = (p: DemoPerson) => ageBandOf(p.actor.birthDate, now);
  const parkResponses = people.slice(0, 165).map((person, i) => {
    const at = new Date(closedWindow.opens_at.getTime() + (1 + (i % 28)) * DAY);
    const band = byAge(person);
    const rows = answersFor(parks, (q, raw) => {
      if (q.position === 1) {
        // Younger people lean towards sport, older towards gardens: the breakdown shows it.
        const weights = band === '14-17' || band === '18-28' ? [25, 45, 15, 15] : band === '60+' ? [20, 10, 50, 20] : [35, 20, 25, 20];
        raw.choices = [q.options[rng.weighted(weights)]!.id];
      } else if (q.position === 2) {
        const order = q.options.map((o, k) => ({ id: o.id, score: rng.next() * [5, 3, 4, 2, 4.5][k]! })).sort((a, b) => b.score - a.score);
        order.slice(0, 3).forEach((o, k) => (raw.ranks[o.id] = String(k + 1)));
      } else if (q.position === 3) raw.text = String(1 + rng.weighted([12, 25, 30, 22, 11]));
      else if (q.position === 4) raw.text = rng.next() < 0.3 ? PARK_PHRASES[rng.int(0, PARK_PHRASES.length - 1)]! : '';
      else if (q.position === 5) raw.text = rng.next() < 0.8 ? String(rng.weighted([8, 20, 25, 18, 12, 8, 5, 4])) : '';
    });
    return { person, at, rows };
  });
  await insertResponses(tx, secret, closedConsultation, parks, parkResponses);
  // Paper forms collected at a community meeting (people without an account in the platform).
  const paperPeople = Array.from({ length: 14 }, (_, i) => ({ hash: identityHash(secret, 'CC', String(39_500_000 + i * 11)), i }));
  await importPaperResponses(tx, {
    actor: null,
    consultation: closedConsultation,
    questions: parks,
    serverSecret: secret,
    fileSha256: '0'.repeat(64),
    now: new Date(closedWindow.opens_at.getTime() + 20 * DAY),
    responses: paperPeople.map((p) => ({
      line: p.i + 2,
      identityHash: p.hash,
      userId: null,
      categories: { ageBand: null, localidadCode: '05', gender: null },
      rows: answersFor(parks, (q, raw) => {
        if (q.position === 1) raw.choices = [q.options[rng.weighted([20, 10, 55, 15])]!.id];
        else if (q.position === 2) [2, 0, 1].forEach((k, r) => (raw.ranks[q.options[k]!.id] = String(r + 1)));
        else if (q.position === 3) raw.text = String(rng.int(2, 4));
      }),
    })),
  });
  // A moderator reviewed the free-text answers: most approved, one hidden, a few still pending.
  const texts = await tx
    .selectFrom('consultations_answers as a')
    .innerJoin('consultations_responses as r', 'r.id', 'a.response_id')
    .select(['a.response_id', 'a.question_id', 'a.value_text'])
    .where('r.consultation_id', '=', DEMO_IDS.closed)
    .where('a.value_text', 'is not', null)
    .orderBy('a.value_text')
    .execute();
  for (const moderation of ['approved', 'hidden'] as const) {
    const chosen = texts.filter((_, k) => (moderation === 'hidden' ? k === 0 : k > 0 && k % 9 !== 0));
    if (chosen.length === 0) continue;
    await tx
      .updateTable('consultations_answers')
      .set({ moderation })
      .where('value_text', 'is not', null)
      .where(
        'response_id',
        'in',
        chosen.map((r) => r.response_id),
      )
      .execute();
  }
  await sealConsultation(tx, DEMO_IDS.closed, now);

  // ----- closed, public: horarios de bibliotecas -----
  const libraryWindow = { opens_at: new Date(now.getTime() - 40 * DAY), closes_at: new Date(now.getTime() - 10 * DAY) };
  const library = await insertConsultation(
    tx,
    {
      id: DEMO_IDS.public,
      entity_code: 'scrd',
      title: 'Horarios de las bibliotecas públicas de BibloRed',
      description: 'La Secretaría de Cultura consultó a las personas usuarias sobre los horarios de las bibliotecas públicas. Las respuestas de esta consulta fueron públicas: quedan asociadas a la cuenta de quien respondió.',
      ...libraryWindow,
      secret: false,
      allow_edit: false,
    },
    [
      { kind: 'single_choice', title: '¿En qué horario usa más la biblioteca?', options: ['Mañana entre semana', 'Tarde entre semana', 'Noche entre semana', 'Fines de semana'] },
      { kind: 'multiple_choice', title: '¿Qué servicios usa?', settings: { maxChoices: 3 }, options: ['Préstamo de libros', 'Salas de estudio', 'Computadores e internet', 'Talleres y clubes de lectura', 'Actividades para niños'] },
      { kind: 'rating_scale', title: '¿Qué tan conveniente es el horario actual?', settings: { min: 1, max: 5, minLabel: 'Nada conveniente', maxLabel: 'Muy conveniente' } },
    ],
  );
  const libraryResponses = people.slice(40, 120).map((person, i) => {
    const at = new Date(libraryWindow.opens_at.getTime() + (1 + (i % 25)) * DAY);
    const rows = answersFor(library, (q, raw) => {
      if (q.position === 1) raw.choices = [q.options[rng.weighted([15, 35, 20, 30])]!.id];
      else if (q.position === 2) raw.choices = q.options.filter((_, k) => rng.next() < [0.6, 0.45, 0.35, 0.2, 0.15][k]!).slice(0, 3).map((o) => o.id);
      else raw.text = String(1 + rng.weighted([10, 20, 30, 25, 15]));
      if (q.position === 2 && raw.choices.length === 0) raw.choices = [q.options[0]!.id];
    });
    return { person, at, rows };
  });
  await insertResponses(tx, secret, { id: DEMO_IDS.public, secret: false }, library, libraryResponses);

  // ----- open, secret, answers can change: ciclorruta -----
  const openWindow = { opens_at: new Date(now.getTime() - 3 * DAY), closes_at: new Date(now.getTime() + 25 * DAY) };
  const cycle = await insertConsultation(
    tx,
    {
      id: DEMO_IDS.open,
      entity_code: 'idu',
      title: 'Ciclorruta de la avenida Boyacá: ¿cómo la quiere?',
      description:
        'El IDU prepara la renovación de la ciclorruta de la avenida Boyacá entre la calle 13 y la calle 80. Cuéntenos cómo la usa y qué mejoras son más urgentes.\n\nSus respuestas son secretas y puede cambiarlas hasta el cierre. Los resultados se publican cuando la consulta cierra.',
      ...openWindow,
      secret: true,
      allow_edit: true,
    },
    [
      { kind: 'single_choice', title: '¿Usa la bicicleta para moverse por Bogotá?', options: ['Sí, a diario', 'Algunas veces por semana', 'Rara vez', 'No uso bicicleta'] },
      { kind: 'multiple_choice', title: '¿Qué mejoras son más urgentes?', settings: { maxChoices: 2 }, options: ['Iluminación', 'Separación del tráfico', 'Cicloparqueaderos', 'Arborización', 'Señalización'] },
      { kind: 'long_text', title: '¿Qué tramo le parece más peligroso y por qué?', required: false, showIf: { question: 0, options: [0, 1] }, settings: { maxLength: 1000 } },
      { kind: 'rating_scale', title: '¿Qué tan seguro se siente en la ciclorruta actual?', settings: { min: 1, max: 5, minLabel: 'Nada seguro', maxLabel: 'Muy seguro' } },
      { kind: 'number', title: '¿Cuántos minutos dura su recorrido habitual?', required: false, settings: { min: 0, max: 180, integer: true } },
    ],
  );
  const pdf = simplePdf('Ciclorruta de la avenida Boyaca - diagnostico', [
    'Instituto de Desarrollo Urbano (IDU) - documento de la consulta ciudadana.',
    'Tramo: calle 13 a calle 80. Longitud: 9,6 km. Usuarios diarios estimados: 12.000.',
    'Problemas reportados: iluminacion insuficiente, cruces sin semaforo, falta de cicloparqueaderos.',
  ]);
  const file = await services.files.save(tx, Readable.from([pdf]), { originalName: 'diagnostico-ciclorruta-boyaca.pdf', mediaType: 'application/pdf', allowedTypes: ['application/pdf'] });
  await tx.insertInto('consultations_documents').values({ consultation_id: DEMO_IDS.open, file_id: file.id, title: 'Diagnóstico de la ciclorruta (IDU)' }).execute();
  const cycleResponses = people.slice(100, 150).map((person, i) => {
    const at = new Date(openWindow.opens_at.getTime() + (i % 3) * DAY + 3600_000);
    const rows = answersFor(cycle, (q, raw) => {
      if (q.position === 1) raw.choices = [q.options[rng.weighted([30, 30, 20, 20])]!.id];
      else if (q.position === 2) raw.choices = [q.options[rng.int(0, 4)]!.id];
      else if (q.position === 4) raw.text = String(rng.int(1, 5));
    });
    return { person, at, rows };
  });
  await insertResponses(tx, secret, { id: DEMO_IDS.open, secret: true }, cycle, cycleResponses);

  // ----- upcoming -----
  await insertConsultation(
    tx,
    {
      id: DEMO_IDS.upcoming,
      entity_code: 'sdmujer',
      title: 'Casas de Igualdad de Oportunidades: horarios y servicios',
      description: 'La Secretaría de la Mujer quiere saber qué horarios y servicios de las Casas de Igualdad de Oportunidades les sirven más a las mujeres de cada localidad.',
      opens_at: new Date(now.getTime() + 10 * DAY),
      closes_at: new Date(now.getTime() + 40 * DAY),
      secret: true,
      allow_edit: false,
    },
    [
      { kind: 'single_choice', title: '¿Ha usado alguna vez una Casa de Igualdad de Oportunidades?', options: ['Sí', 'No', 'No sabía que existían'] },
      { kind: 'multiple_choice', title: '¿Qué servicios le interesan?', options: ['Orientación jurídica', 'Atención psicosocial', 'Formación y empleo', 'Actividades culturales'] },
    ],
  );
}
