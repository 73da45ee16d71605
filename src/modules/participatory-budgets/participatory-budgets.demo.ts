/**
 * Demo content, loaded once on first start: a closed 2025 edition with published results in three
 * localidades (approval ballots, up to 6 projects, Method of Equal Shares with utilitarian completion), and a 2026 edition in
 * its voting window (knapsack ballots) with some ballots already cast. Demo voters have no password
 * (nobody can sign in as them) and `.invalid` addresses (no mail leaves for them). Everything goes
 * through the same commands as real use (cast, publish), so the demo exercises the real paths.
 */
import { createHash } from 'node:crypto';
import type { Tx } from '../../core/db/database.ts';
import type { Services } from '../../core/modules/module.ts';
import type { Actor } from '../../core/permissions/permissions.ts';
import { ballotKey } from './ballot-secrecy.ts';
import { castBallotLocked } from './commands/cast-ballot.ts';
import { publishResults } from './commands/publish-results.ts';

const DAY = 86_400_000;
const sha = (label: string) => createHash('sha256').update(label).digest('hex');

/** A deterministic pseudo-random sequence, so every installation gets the same demo. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface DemoProposal {
  title: string;
  description: string;
  topic: string;
  goal: string;
  concept: string;
  cost: number;
  /** Relative popularity among the demo voters. */
  weight: number;
  notViable?: string;
}

const PROPOSALS: Record<string, DemoProposal[]> = {
  '09': [
    { title: 'Huertas comunitarias en los parques de Modelia', description: 'Crear y acompañar seis huertas urbanas con los vecinos, con talleres de siembra, abono orgánico y riego.', topic: 'ambiente', goal: 'meta-huertas', concept: 'agricultura-urbana', cost: 180_000_000, weight: 9 },
    { title: 'Escuela de formación deportiva para niñas y niños de Fontibón', description: 'Clases gratuitas de fútbol, patinaje y atletismo tres tardes por semana durante un año.', topic: 'cultura', goal: 'meta-formacion', concept: 'formacion-artistica', cost: 320_000_000, weight: 8 },
    { title: 'Recuperación del parque de bolsillo del barrio La Giralda', description: 'Nuevo mobiliario, iluminación y juegos infantiles accesibles en el parque de bolsillo.', topic: 'movilidad', goal: 'meta-parques', concept: 'parques', cost: 450_000_000, weight: 6 },
    { title: 'Festival de música del río Fucha', description: 'Tres jornadas de conciertos de agrupaciones locales a orillas del río Fucha.', topic: 'cultura', goal: 'meta-eventos', concept: 'eventos-culturales', cost: 150_000_000, weight: 5 },
    { title: 'Jornadas de esterilización de perros y gatos', description: 'Esterilización gratuita para 1.500 animales de compañía de hogares de estratos 1 a 3.', topic: 'ambiente', goal: 'meta-animales', concept: 'bienestar-animal', cost: 210_000_000, weight: 7 },
    { title: 'Apoyo a emprendimientos de mujeres en Fontibón centro', description: 'Capital semilla y mentoría para 40 emprendimientos liderados por mujeres.', topic: 'economia', goal: 'meta-mipymes', concept: 'reactivacion-economica', cost: 400_000_000, weight: 4 },
    { title: 'Sendero peatonal iluminado hacia el aeropuerto', description: 'Andén continuo e iluminado entre la avenida Esperanza y la calle 26.', topic: 'movilidad', goal: 'meta-andenes', concept: 'espacio-publico', cost: 900_000_000, weight: 3, notViable: 'La obra corresponde al Instituto de Desarrollo Urbano, que ya la tiene contratada para 2026; no puede financiarse con el Fondo de Desarrollo Local.' },
  ],
  '11': [
    { title: 'Arborización de la ronda del humedal Juan Amarillo', description: 'Siembra y mantenimiento por tres años de 2.000 árboles nativos con colegios de la zona.', topic: 'ambiente', goal: 'meta-arboles', concept: 'arbolado', cost: 380_000_000, weight: 9 },
    { title: 'Escuela de hip hop y artes urbanas en Suba Rincón', description: 'Talleres de rap, grafiti y danza urbana para jóvenes de 14 a 28 años.', topic: 'juventud', goal: 'meta-formacion', concept: 'formacion-artistica', cost: 240_000_000, weight: 8 },
    { title: 'Centro de cuidado para personas mayores en Tibabuyes', description: 'Dotación y actividades de un centro día para 120 personas mayores y sus cuidadoras.', topic: 'cuidado', goal: 'meta-persona-mayor', concept: 'persona-mayor', cost: 520_000_000, weight: 7 },
    { title: 'Mantenimiento de la malla vial del barrio Lisboa', description: 'Rehabilitación de 2,5 kilómetros-carril de vías locales en mal estado.', topic: 'movilidad', goal: 'meta-malla-vial', concept: 'malla-vial', cost: 1_100_000_000, weight: 6 },
    { title: 'Ruta de reciclaje con recicladores de oficio', description: 'Capacitación a 3.000 hogares y apoyo a una asociación de recicladores.', topic: 'ambiente', goal: 'meta-reciclaje', concept: 'residuos', cost: 160_000_000, weight: 5 },
    { title: 'Prevención de violencias contra las mujeres en Suba', description: 'Escuela de derechos y red de apoyo comunitaria en cinco UPZ.', topic: 'mujeres', goal: 'meta-mujeres', concept: 'mujeres-saben', cost: 260_000_000, weight: 6 },
  ],
  '08': [
    { title: 'Dotación de jardines infantiles de Patio Bonito', description: 'Material pedagógico, mobiliario y juegos para ocho jardines infantiles.', topic: 'juventud', goal: 'meta-jardines', concept: 'dotacion-jardines', cost: 300_000_000, weight: 8 },
    { title: 'Festival gastronómico de Corabastos', description: 'Feria anual con productores, cocineras tradicionales y restaurantes del sector.', topic: 'economia', goal: 'meta-creativas', concept: 'economia-cultural', cost: 200_000_000, weight: 5 },
    { title: 'Parque biosaludable en Timiza', description: 'Gimnasio al aire libre, senderos y zona de estiramiento accesible.', topic: 'movilidad', goal: 'meta-parques', concept: 'parques', cost: 350_000_000, weight: 7 },
    { title: 'Prevención del embarazo adolescente en colegios de Kennedy', description: 'Talleres con estudiantes, familias y docentes en diez colegios distritales.', topic: 'juventud', goal: 'meta-adolescentes', concept: 'embarazo-adolescente', cost: 190_000_000, weight: 6 },
    { title: 'Fortalecimiento de juntas de acción comunal', description: 'Formación y dotación tecnológica para 30 juntas de acción comunal.', topic: 'participacion', goal: 'meta-organizaciones', concept: 'participacion', cost: 230_000_000, weight: 4 },
  ],
};

const AMOUNTS: Record<string, number> = { '09': 1_200_000_000, '11': 1_600_000_000, '08': 1_100_000_000 };
const VOTERS_PER_LOCALIDAD = 40;
const GENDERS = ['female', 'male', 'female', 'male', 'non_binary', null] as const;

interface DemoVoter {
  actor: Actor;
  identityHash: string;
  localidad: string;
}

/** Verified residents of the three demo localidades, with profiles for the participation figures. */
async function demoVoters(tx: Tx, now: Date): Promise<DemoVoter[]> {
  const voters: DemoVoter[] = [];
  const random = prng(2025);
  for (const localidad of Object.keys(PROPOSALS)) {
    for (let i = 1; i <= VOTERS_PER_LOCALIDAD; i++) {
      const label = `pp-${localidad}-${i}`;
      const email = `demo.presupuestos.${label}@gab.invalid`;
      const year = 1950 + Math.floor(random() * 60);
      const birthDate = `${year}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`;
      const user = await tx
        .insertInto('core_users')
        .values({ email, display_name: `Votante de demostración ${localidad}-${i}`, password_hash: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const identityHash = sha(`gab-demo-pp-identity-${label}`);
      const expires = new Date(now.getTime() + 730 * DAY).toISOString();
      await tx
        .insertInto('core_profiles')
        .values({ user_id: user.id, document_type: 'CC', document_hash: sha(`gab-demo-pp-document-${label}`), birth_date: birthDate, localidad_code: localidad, gender: GENDERS[i % GENDERS.length] ?? null })
        .execute();
      await tx.insertInto('core_identities').values({ identity_hash: identityHash, user_id: user.id, provider: 'registry', birth_date: birthDate, expires_at: expires }).execute();
      await tx.insertInto('core_residences').values({ user_id: user.id, localidad_code: localidad, provider: 'registry', expires_at: expires }).execute();
      voters.push({
        actor: { userId: user.id, displayName: `Votante ${localidad}-${i}`, roles: [], level: 'residence', birthDate, residenceLocalidad: localidad, guardianConsent: false, consentGiven: true },
        identityHash,
        localidad,
      });
    }
  }
  return voters;
}

interface Windows {
  proposals_open_at: Date;
  proposals_close_at: Date;
  review_close_at: Date;
  voting_open_at: Date;
  voting_close_at: Date;
}

async function createEditionWithProposals(
  tx: Tx,
  edition: { slug: string; year: number; title: string; description: string; ballotRule: 'approval' | 'knapsack'; ballotConfig: object; windows: Windows; executionStartsOn: string | null },
): Promise<{ id: string; envelopes: Map<string, string>; proposals: Map<string, { id: string; number: number; cost: number; weight: number }[]> }> {
  const w = edition.windows;
  const { id } = await tx
    .insertInto('participatory_budgets_editions')
    .values({
      slug: edition.slug,
      year: edition.year,
      title: edition.title,
      description: edition.description,
      ballot_rule: edition.ballotRule,
      ballot_config: JSON.stringify(edition.ballotConfig),
      counting_rule: 'mes-cost-u',
      proposals_open_at: w.proposals_open_at.toISOString(),
      proposals_close_at: w.proposals_close_at.toISOString(),
      review_close_at: w.review_close_at.toISOString(),
      voting_open_at: w.voting_open_at.toISOString(),
      voting_close_at: w.voting_close_at.toISOString(),
      execution_starts_on: edition.executionStartsOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const envelopes = new Map<string, string>();
  const proposals = new Map<string, { id: string; number: number; cost: number; weight: number }[]>();
  const names = await tx.selectFrom('core_localidades').select(['code', 'name']).execute();
  let number = 0;
  for (const [localidad, list] of Object.entries(PROPOSALS)) {
    const envelope = await tx
      .insertInto('participatory_budgets_envelopes')
      .values({ edition_id: id, localidad_code: localidad, name: names.find((n) => n.code === localidad)?.name ?? localidad, amount: AMOUNTS[localidad]! })
      .returning('id')
      .executeTakeFirstOrThrow();
    envelopes.set(localidad, envelope.id);
    const viable: { id: string; number: number; cost: number; weight: number }[] = [];
    for (const p of list) {
      number += 1;
      const row = await tx
        .insertInto('participatory_budgets_proposals')
        .values({
          edition_id: id,
          envelope_id: envelope.id,
          number,
          title: p.title,
          description: p.description,
          topic_code: p.topic,
          goal_code: p.goal,
          concept_code: p.concept,
          estimated_cost: p.cost,
          assessed_cost: p.cost,
          status: p.notViable ? 'not_viable' : 'viable',
          valuation_reason: p.notViable ?? 'Cumple los criterios técnicos, jurídicos y financieros de la línea de inversión.',
          valuated_at: w.review_close_at.toISOString(),
          updated_at: w.review_close_at.toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (!p.notViable) viable.push({ id: row.id, number, cost: p.cost, weight: p.weight });
    }
    proposals.set(localidad, viable);
  }
  return { id, envelopes, proposals };
}

/** Each voter approves 1–6 projects of their localidad, the popular ones more often. */
function pickApprovals(random: () => number, options: { id: string; number: number; cost: number; weight: number }[], max: number, budget?: number) {
  const chosen: typeof options = [];
  let spent = 0;
  const count = 1 + Math.floor(random() * max);
  const pool = [...options];
  while (chosen.length < count && pool.length > 0) {
    const total = pool.reduce((s, p) => s + p.weight, 0);
    let r = random() * total;
    const index = pool.findIndex((p) => (r -= p.weight) < 0);
    const [pick] = pool.splice(index < 0 ? pool.length - 1 : index, 1);
    if (budget !== undefined && spent + pick!.cost > budget) continue;
    spent += pick!.cost;
    chosen.push(pick!);
  }
  return chosen;
}

async function castDemoBallots(tx: Tx, services: Services, edition: { id: string; envelopes: Map<string, string>; proposals: Map<string, { id: string; number: number; cost: number; weight: number }[]> }, voters: DemoVoter[], options: { share: number; max: number; knapsack: boolean; now: Date; seed: number }) {
  const random = prng(options.seed);
  for (const voter of voters) {
    if (random() > options.share) continue;
    const picks = pickApprovals(random, edition.proposals.get(voter.localidad)!, options.max, options.knapsack ? AMOUNTS[voter.localidad] : undefined);
    await castBallotLocked(tx, {
      editionId: edition.id,
      envelopeId: edition.envelopes.get(voter.localidad)!,
      actor: voter.actor,
      identityHash: voter.identityHash,
      ballotKey: ballotKey(services.config.secret, edition.id, voter.identityHash),
      choices: picks.map((p, position) => ({ proposalId: p.id, number: p.number, position, value: 1 })),
      now: options.now,
    });
  }
}

export async function seedParticipatoryBudgetsDemo(tx: Tx, services: Services): Promise<void> {
  const already = await tx.selectFrom('participatory_budgets_editions').select('id').where('slug', 'in', ['pp-2025', 'pp-2026']).executeTakeFirst();
  if (already) return;
  const now = new Date();
  const voters = await demoVoters(tx, now);

  const closed = await createEditionWithProposals(tx, {
    slug: 'pp-2025',
    year: 2025,
    title: 'Presupuestos participativos 2025',
    description: 'Segunda fase 2025: la ciudadanía de Fontibón, Suba y Kennedy propuso y votó proyectos para el presupuesto local de 2026.',
    ballotRule: 'approval',
    ballotConfig: { maxChoices: 6 },
    windows: {
      proposals_open_at: new Date('2025-07-01T13:00:00Z'),
      proposals_close_at: new Date('2025-08-16T04:59:00Z'),
      review_close_at: new Date('2025-10-15T22:00:00Z'),
      voting_open_at: new Date('2025-11-01T13:00:00Z'),
      voting_close_at: new Date('2025-11-18T23:00:00Z'),
    },
    executionStartsOn: '2026-01-15',
  });
  await castDemoBallots(tx, services, closed, voters, { share: 0.9, max: 6, knapsack: false, now: new Date('2025-11-10T15:00:00Z'), seed: 7 });
  const published = await publishResults(tx, { actor: null, editionId: closed.id, now: new Date('2025-12-01T15:00:00Z') });
  if (!published.ok) throw new Error(`demo results not published: ${published.error}`);

  const open = await createEditionWithProposals(tx, {
    slug: 'pp-2026',
    year: 2026,
    title: 'Presupuestos participativos 2026',
    description: 'Votación abierta: elija los proyectos de su localidad cuyo costo total quepa en el presupuesto asignado.',
    ballotRule: 'knapsack',
    ballotConfig: {},
    windows: {
      proposals_open_at: new Date(now.getTime() - 120 * DAY),
      proposals_close_at: new Date(now.getTime() - 75 * DAY),
      review_close_at: new Date(now.getTime() - 20 * DAY),
      voting_open_at: new Date(now.getTime() - 5 * DAY),
      voting_close_at: new Date(now.getTime() + 25 * DAY),
    },
    executionStartsOn: null,
  });
  await castDemoBallots(tx, services, open, voters, { share: 0.4, max: 4, knapsack: true, now, seed: 11 });
}
