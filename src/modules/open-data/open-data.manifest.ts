/**
 * open-data — "Datos abiertos" and "Comunidad de datos": the district entities' catalogue of
 * datasets (versioned and audited), served as pages at /datos, as the CKAN Action API v3
 * (/api/3/action/<name>), as DCAT-AP 3 (/catalog.ttl|jsonld|rdf) and as Project Open Data
 * (/data.json); the platform's own exports published as datasets of the Secretaría General; and
 * citizens' data requests, reuses and comments. The DataStore (tabular data in PostgreSQL) lives in
 * datastore/. Tables: open_data_* (see migrations/).
 */
import './open-data.schema.ts';
import './datastore/datastore.schema.ts';
import { defineModule } from '../../core/modules/module.ts';
import { seedDatastoreDemo } from './datastore/demo.ts';
import { DATASTORE_JOBS } from './datastore/jobs.ts';
import { DATASTORE_SCHEMA } from './datastore/table-names.ts';
import { OPEN_DATA_LOCALES } from './locales/index.ts';
import { openDataPermissions } from './open-data.permissions.ts';
import { openDataRoutes } from './open-data.routes.ts';
import { requestsExport, reusesExport } from './community/community.open-data.ts';
import { communityPersonalData } from './community/community.personal-data.ts';
import { DEMO_DATASET, DEMO_REQUESTS, DEMO_REUSE, seedCommunityDemo } from './community/community.seeds.ts';
import { seedOpenDataReference } from './open-data.seeds.ts';

export default defineModule({
  name: 'open-data',
  pillar: 'transparency',
  titleKey: 'open-data.title',
  descriptionKey: 'open-data.description',
  path: '/datos',
  actions: ['view', 'manage-datasets', 'request-dataset', 'vote-request', 'answer-request', 'publish-reuse', 'comment', 'moderate'] as const,
  permissions: openDataPermissions,
  requirements: {
    'request-dataset': { minLevel: 'registered', minAge: null },
    'vote-request': { minLevel: 'registered', minAge: null },
    'publish-reuse': { minLevel: 'registered', minAge: null },
    comment: { minLevel: 'registered', minAge: null },
  },
  locales: OPEN_DATA_LOCALES,
  migrations: new URL('./migrations/', import.meta.url),
  // One table per DataStore resource, made by imports and datastore_create: `db dump` carries them.
  runtimeSchemas: [DATASTORE_SCHEMA],
  routes: openDataRoutes,
  // The community's demo (requests, reuses on its dataset), then the DataStore's datasets.
  seeds: { reference: seedOpenDataReference, demo: async (tx) => (await seedCommunityDemo(tx), await seedDatastoreDemo(tx)) },
  exports: { requests: requestsExport, reuses: reusesExport },
  personalData: communityPersonalData,
  jobs: DATASTORE_JOBS,
  pages: [
    { path: '/datos', titleKey: 'open-data.title' },
    { path: '/datos/solicitudes', titleKey: 'open-data.community.requests.title' },
    { path: `/datos/solicitudes/${DEMO_REQUESTS.answered}`, titleKey: 'open-data.community.pages.demo_answered' },
    { path: `/datos/solicitudes/${DEMO_REQUESTS.declined}`, titleKey: 'open-data.community.pages.demo_declined' },
    { path: `/datos/solicitudes/${DEMO_REQUESTS.open}`, titleKey: 'open-data.community.pages.demo_open' },
    { path: `/datos/conjuntos/${DEMO_DATASET}`, titleKey: 'open-data.community.pages.demo_dataset' },
    { path: '/datos/usos', titleKey: 'open-data.community.reuses.title' },
    { path: `/datos/usos/${DEMO_REUSE}`, titleKey: 'open-data.community.pages.demo_reuse' },
  ],
});
