import type { Tx } from '../../../core/db/database.ts';
import { LOCALIDADES } from '../../../core/geo/localidades.data.ts';
import { addResource } from '../commands/add-resource.ts';
import { saveDataset } from '../commands/save-dataset.ts';
import type { DatasetInput } from '../dataset-input.ts';
import { resourcePath } from '../paths.ts';
import { ensureTable, writeRecords } from './write.ts';

/**
 * Demo content of the catalogue: datasets of three entities, two of them with DataStore tables
 * (PQRS by localidad and month; SITP stops with coordinates, so a GeoJSON download), one a plain
 * link. Small on purpose (tests clone the demo database) and deterministic (no randomness).
 */

const base = (overrides: Partial<DatasetInput> & Pick<DatasetInput, 'name' | 'title' | 'notes' | 'ownerOrg' | 'groupName'>): DatasetInput => ({
  licenseId: 'cc-by-4.0',
  frequency: 'MONTHLY',
  localidades: [],
  temporalStart: null,
  temporalEnd: null,
  contactName: 'Oficina de datos abiertos',
  contactEmail: 'datosabiertos@bogota.gov.co',
  tags: [],
  extras: { Idioma: 'Español' },
  private: false,
  ...overrides,
});

const PQRS_TYPES = ['Petición', 'Queja', 'Reclamo', 'Sugerencia'];

/** 20 localidades × 2 months × 4 types: a reproducible count from the localidad's number. */
function pqrsRecords() {
  const records: Record<string, unknown>[] = [];
  for (const month of ['2026-01-01', '2026-02-01']) {
    for (const l of LOCALIDADES) {
      PQRS_TYPES.forEach((tipo, k) => {
        records.push({ localidad_codigo: l.code, localidad: l.name, mes: month, tipo, cantidad: ((l.number * 37 + k * 11 + (month === '2026-02-01' ? 5 : 0)) % 90) + 3 });
      });
    }
  }
  return records;
}

const STOPS: [string, string, string, number, number][] = [
  ['Portal Usme', 'Usme', '05', 4.5323, -74.1171],
  ['Héroes', 'Chapinero', '02', 4.6669, -74.0596],
  ['Calle 72', 'Chapinero', '02', 4.6583, -74.0577],
  ['Museo del Oro', 'Santa Fe', '03', 4.6019, -74.0723],
  ['Portal Suba', 'Suba', '11', 4.7462, -74.0946],
  ['Portal Américas', 'Kennedy', '08', 4.6289, -74.2043],
  ['Banderas', 'Kennedy', '08', 4.6314, -74.1468],
  ['Portal del Sur', 'Bosa', '07', 4.5973, -74.1802],
  ['Ricaurte', 'Los Mártires', '14', 4.6131, -74.0919],
  ['Portal Norte', 'Usaquén', '01', 4.7548, -74.0462],
  ['Toberín', 'Usaquén', '01', 4.7464, -74.0453],
  ['Portal Eldorado', 'Fontibón', '09', 4.6822, -74.1183],
];

export async function seedDatastoreDemo(tx: Tx): Promise<void> {
  const now = new Date('2026-03-01T12:00:00Z');
  const existing = await tx.selectFrom('open_data_datasets').select('name').where('name', 'in', ['pqrs-por-localidad-demo', 'paraderos-sitp-demo', 'jardines-infantiles-demo']).execute();
  if (existing.length) return;

  const create = async (value: DatasetInput) => {
    const saved = await saveDataset(tx, { value, before: null, actor: null, now });
    if (!saved.ok) throw new Error(`demo dataset ${value.name}: ${JSON.stringify(saved.errors)}`);
    return saved.dataset;
  };
  /** A resource whose data is its DataStore table (its link is the CSV download). */
  const datastoreResource = async (datasetId: string, datasetName: string, name: string, fields: Parameters<typeof ensureTable>[2], records: unknown[], primaryKey: string[] = []) => {
    const resource = await addResource(tx, { datasetId, resource: { name, description: '', format: 'CSV', url: '/', file: null }, actor: null, now });
    await tx.updateTable('open_data_resources').set({ url: `${resourcePath(datasetName, resource.id)}/datos.csv` }).where('id', '=', resource.id).execute();
    await ensureTable(tx, resource.id, fields, primaryKey);
    await writeRecords(tx, resource.id, records, 'insert');
  };

  const pqrs = await create(
    base({
      name: 'pqrs-por-localidad-demo',
      title: 'PQRS por localidad',
      notes: 'Peticiones, quejas, reclamos y sugerencias radicadas en **Bogotá te escucha**, contadas por localidad, mes y tipo.',
      ownerOrg: 'sg',
      groupName: 'gobierno-y-participacion',
      tags: ['peticiones', 'atención a la ciudadanía'],
      temporalStart: '2026-01-01',
      temporalEnd: '2026-02-28',
    }),
  );
  await datastoreResource(
    pqrs.id,
    pqrs.name,
    'PQRS por localidad, mes y tipo',
    [
      { id: 'localidad_codigo', type: 'text' },
      { id: 'localidad', type: 'text' },
      { id: 'mes', type: 'date' },
      { id: 'tipo', type: 'text' },
      { id: 'cantidad', type: 'int' },
    ],
    pqrsRecords(),
  );

  const stops = await create(
    base({
      name: 'paraderos-sitp-demo',
      title: 'Estaciones de TransMilenio (muestra)',
      notes: 'Ubicación de una muestra de estaciones y portales del sistema TransMilenio, con su localidad y accesibilidad.',
      ownerOrg: 'transmilenio',
      groupName: 'movilidad',
      tags: ['transporte público', 'estaciones'],
      frequency: 'ANNUAL',
    }),
  );
  await datastoreResource(
    stops.id,
    stops.name,
    'Estaciones',
    [
      { id: 'codigo', type: 'text' },
      { id: 'nombre', type: 'text' },
      { id: 'localidad', type: 'text' },
      { id: 'localidad_codigo', type: 'text' },
      { id: 'latitud', type: 'numeric' },
      { id: 'longitud', type: 'numeric' },
      { id: 'accesible', type: 'bool' },
    ],
    STOPS.map(([nombre, localidad, code, lat, lon], i) => ({ codigo: `TM${String(i + 1).padStart(3, '0')}`, nombre, localidad, localidad_codigo: code, latitud: lat, longitud: lon, accesible: i % 3 !== 2 })),
    ['codigo'],
  );

  const gardens = await create(
    base({
      name: 'jardines-infantiles-demo',
      title: 'Jardines infantiles de la SDIS',
      notes: 'Directorio de jardines infantiles de la Secretaría Distrital de Integración Social, publicado en su portal.',
      ownerOrg: 'sdis',
      groupName: 'poblacion-y-sociedad',
      tags: ['primera infancia'],
      frequency: 'QUARTERLY',
    }),
  );
  await addResource(tx, { datasetId: gardens.id, resource: { name: 'Directorio en el portal de la SDIS', description: '', format: 'HTML', url: 'https://www.integracionsocial.gov.co/', file: null }, actor: null, now });
}
