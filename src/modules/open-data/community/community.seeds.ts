import type { Tx } from '../../../core/db/database.ts';
import { addResource } from '../commands/add-resource.ts';
import { saveDataset } from '../commands/save-dataset.ts';

/** Fixed ids, so the demo pages can be listed in the manifest (and checked by the browser suite). */
export const DEMO_REQUESTS = {
  answered: '7d5c0a10-3f2e-4c1b-9a0d-0da7a0000001',
  declined: '7d5c0a10-3f2e-4c1b-9a0d-0da7a0000002',
  open: '7d5c0a10-3f2e-4c1b-9a0d-0da7a0000003',
  planned: '7d5c0a10-3f2e-4c1b-9a0d-0da7a0000004',
} as const;
export const DEMO_REUSE = '7d5c0a10-3f2e-4c1b-9a0d-0da7a0000101';
export const DEMO_DATASET = 'red-de-ciclorrutas';
const DEMO_COMMENT = '7d5c0a10-3f2e-4c1b-9a0d-0da7a0000201';
const DEMO_REPLY = '7d5c0a10-3f2e-4c1b-9a0d-0da7a0000202';

const DAY = 86_400_000;

/** Demo people: no password (nobody can sign in as them) and an `.invalid` address (no e-mail ever leaves for them). */
const DEMO_PEOPLE = ['Paola Andrea Quintero', 'Camilo Ernesto Suárez', 'Diana Marcela Rojas', 'Jorge Enrique Patiño'];

async function demoPeople(tx: Tx): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, name] of DEMO_PEOPLE.entries()) {
    const email = `demo.datos.${i + 1}@gab.invalid`;
    await tx.insertInto('core_users').values({ email, display_name: name, password_hash: null }).onConflict((oc) => oc.column('email').doNothing()).execute();
    ids.push((await tx.selectFrom('core_users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id);
  }
  return ids;
}

/** The dataset the demo's answered request points to (created once). */
async function demoDataset(tx: Tx, now: Date): Promise<string> {
  const existing = await tx.selectFrom('open_data_datasets').select('id').where('name', '=', DEMO_DATASET).executeTakeFirst();
  if (existing) return existing.id;
  const saved = await saveDataset(tx, {
    value: {
      name: DEMO_DATASET,
      title: 'Red de ciclorrutas',
      notes: 'Trazado de la red de ciclorrutas de Bogotá por localidad, con tipo de segregación y longitud en metros.',
      ownerOrg: 'sdm',
      groupName: 'movilidad',
      licenseId: 'cc-by-4.0',
      frequency: 'ANNUAL',
      localidades: [],
      temporalStart: null,
      temporalEnd: null,
      contactName: 'Oficina de Información Sectorial',
      contactEmail: 'datos@movilidadbogota.gov.co',
      tags: ['bicicleta', 'movilidad'],
      extras: {},
      private: false,
    },
    before: null,
    actor: null,
    now,
  });
  if (!saved.ok) throw new Error(`demo dataset: ${JSON.stringify(saved.errors)}`);
  await addResource(tx, { datasetId: saved.dataset.id, resource: { name: 'Ciclorrutas (GeoJSON)', description: '', format: 'GEOJSON', url: 'https://datosabiertos.bogota.gov.co/dataset/ciclorruta', file: null }, actor: null, now });
  return saved.dataset.id;
}

/**
 * A few requests (one answered with a dataset, one rejected, one in progress, one open with
 * votes), a reuse and a short comment thread. Idempotent: fixed ids, nothing inserted twice.
 */
export async function seedCommunityDemo(tx: Tx): Promise<void> {
  const now = new Date();
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString();
  const people = await demoPeople(tx);
  const datasetId = await demoDataset(tx, now);
  const requests = [
    {
      id: DEMO_REQUESTS.answered,
      title: 'Red de ciclorrutas por localidad',
      description: 'El trazado de las ciclorrutas con su tipo (segregada, compartida) y longitud, por localidad.',
      purpose: 'Planear rutas seguras al colegio en bicicleta.',
      entity_code: 'sdm',
      localidad_code: null,
      author_id: people[0]!,
      status: 'published' as const,
      answer: 'Publicamos la red de ciclorrutas con actualización anual.',
      answered_at: at(10),
      dataset_id: datasetId,
      voters: [1, 2],
      created_at: at(40),
    },
    {
      id: DEMO_REQUESTS.declined,
      title: 'Datos personales de los conductores multados',
      description: 'Nombre y cédula de cada conductor con comparendos de tránsito en el último año.',
      purpose: '',
      entity_code: 'sdm',
      localidad_code: null,
      author_id: people[1]!,
      status: 'declined' as const,
      answer: 'No es posible: son datos personales protegidos por la Ley 1581 de 2012. Publicamos los comparendos agregados por localidad.',
      answered_at: at(5),
      dataset_id: null,
      voters: [],
      created_at: at(20),
    },
    {
      id: DEMO_REQUESTS.open,
      title: 'Calidad del aire por estación y hora',
      description: 'Mediciones horarias de PM2.5 y PM10 de cada estación de la red de monitoreo, en CSV.',
      purpose: 'Una alerta para personas con asma en Kennedy.',
      entity_code: null,
      localidad_code: '08',
      author_id: people[2]!,
      status: 'open' as const,
      answer: null,
      answered_at: null,
      dataset_id: null,
      voters: [0, 1, 3],
      created_at: at(3),
    },
    {
      id: DEMO_REQUESTS.planned,
      title: 'Horarios de atención de los CADE',
      description: 'Horarios y trámites disponibles en cada punto de atención, en un formato reutilizable.',
      purpose: '',
      entity_code: 'sg',
      localidad_code: null,
      author_id: people[3]!,
      status: 'planned' as const,
      answer: 'Estamos preparando el conjunto; lo publicaremos este trimestre.',
      answered_at: at(1),
      dataset_id: null,
      voters: [0],
      created_at: at(8),
    },
  ];
  for (const { voters, ...r } of requests) {
    const inserted = await tx
      .insertInto('open_data_requests')
      .values({ ...r, vote_count: voters.length })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted && voters.length) await tx.insertInto('open_data_request_votes').values(voters.map((v) => ({ request_id: r.id, user_id: people[v]! }))).execute();
  }
  const reuse = await tx
    .insertInto('open_data_reuses')
    .values({
      id: DEMO_REUSE,
      title: 'Mapa de rutas en bici al colegio',
      description: 'Un mapa que sugiere el recorrido más seguro en bicicleta entre la casa y el colegio, usando la red de ciclorrutas.',
      kind: 'visualisation',
      url: 'https://example.org/rutas-en-bici',
      author_id: people[0]!,
      created_at: at(6),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (reuse) await tx.insertInto('open_data_reuse_datasets').values({ reuse_id: DEMO_REUSE, dataset_id: datasetId }).execute();
  await tx
    .insertInto('open_data_comments')
    .values([
      { id: DEMO_COMMENT, dataset_id: datasetId, author_id: people[2]!, body: '¿Incluye las ciclorrutas temporales de los domingos?', created_at: at(4) },
      { id: DEMO_REPLY, dataset_id: datasetId, parent_id: DEMO_COMMENT, author_id: people[0]!, body: 'No, solo la red permanente; la ciclovía dominical es otro conjunto.', created_at: at(3) },
    ])
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}
