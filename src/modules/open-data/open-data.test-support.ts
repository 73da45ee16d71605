import type { Db } from '../../core/db/database.ts';
import { saveDataset } from './commands/save-dataset.ts';
import { addResource, type ResourceInput } from './commands/add-resource.ts';
import type { DatasetInput } from './dataset-input.ts';
import type { Dataset } from './catalogue.queries.ts';

/** A valid dataset input; override what a test cares about. */
export function datasetInput(overrides: Partial<DatasetInput> = {}): DatasetInput {
  return {
    name: 'conjunto-de-prueba',
    title: 'Conjunto de prueba',
    notes: 'Descripción del conjunto de prueba.',
    ownerOrg: 'sdp',
    groupName: 'territorio',
    licenseId: 'cc-by-4.0',
    frequency: 'MONTHLY',
    localidades: [],
    temporalStart: null,
    temporalEnd: null,
    contactName: 'Oficina de datos',
    contactEmail: 'datos@example.gov.co',
    tags: ['prueba'],
    extras: {},
    private: false,
    ...overrides,
  };
}

/** Creates a dataset (as the system) with optional link resources. */
export async function createDataset(db: Db, overrides: Partial<DatasetInput> = {}, resources: Partial<ResourceInput>[] = []): Promise<Dataset> {
  return db.transaction().execute(async (tx) => {
    const now = new Date();
    const saved = await saveDataset(tx, { value: datasetInput(overrides), before: null, actor: null, now });
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    for (const r of resources) {
      await addResource(tx, { datasetId: saved.dataset.id, resource: { name: 'Recurso', description: '', format: 'CSV', url: 'https://example.org/datos.csv', file: null, ...r }, actor: null, now });
    }
    return saved.dataset;
  });
}
