import type { Executor } from '../../core/db/database.ts';

/** The 20 localidades in official order. */
export const listLocalidades = (db: Executor) =>
  db.selectFrom('core_localidades').select(['code', 'number', 'name', 'administrative_act', 'area_m2', 'has_rural_area']).orderBy('number').execute();

export const findLocalidad = (db: Executor, code: string) =>
  db.selectFrom('core_localidades').select(['code', 'number', 'name', 'administrative_act', 'area_m2', 'has_rural_area']).where('code', '=', code).executeTakeFirst();

/** Sectors with their entities (head entity first), in official order. */
export async function listSectorsWithEntities(db: Executor) {
  const [sectors, entities] = await Promise.all([
    db.selectFrom('core_sectors').select(['code', 'number', 'name', 'name_en']).orderBy('number').execute(),
    db.selectFrom('core_entities').select(['code', 'acronym', 'name', 'kind', 'sector_code', 'localidad_code', 'website']).orderBy('name').execute(),
  ]);
  const kindOrder = { head: 0, attached: 1, linked: 2, local_mayoralty: 3, control_body: 4 } as const;
  return sectors.map((sector) => ({
    ...sector,
    entities: entities.filter((e) => e.sector_code === sector.code).sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || a.name.localeCompare(b.name, 'es')),
  }));
}

export const listControlBodies = (db: Executor) =>
  db.selectFrom('core_entities').select(['code', 'acronym', 'name', 'website']).where('kind', '=', 'control_body').orderBy('name').execute();

export const findLocalMayoralty = (db: Executor, localidadCode: string) =>
  db.selectFrom('core_entities').select(['code', 'acronym', 'name', 'website']).where('localidad_code', '=', localidadCode).executeTakeFirst();

export async function countReference(db: Executor) {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('core_localidades').select(eb.fn.countAll<string>().as('n')).as('localidades'),
      eb.selectFrom('core_sectors').select(eb.fn.countAll<string>().as('n')).as('sectors'),
      eb.selectFrom('core_entities').select(eb.fn.countAll<string>().as('n')).as('entities'),
    ])
    .executeTakeFirstOrThrow();
  return { localidades: Number(row.localidades), sectors: Number(row.sectors), entities: Number(row.entities) };
}
