import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../core/http/errors.ts';
import { notFound, forbidden } from '../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import type { Services } from '../../core/modules/module.ts';
import { authorize, canOnRequest } from '../../core/permissions/authorize.ts';
import { hasRole } from '../../core/permissions/permissions.ts';
import { findDataset, listGroups, listOrganizations, loadDatasets, type Dataset } from './catalogue.queries.ts';
import { saveDataset } from './commands/save-dataset.ts';
import { parseDatasetInput, type InputErrors } from './dataset-input.ts';
import { datasetPath } from './paths.ts';
import { DatasetFormPage, type DatasetFormValues } from './views/DatasetFormPage.tsx';
import { ManagePage } from './views/ManagePage.tsx';

/** Entities whose datasets the signed-in official may manage; null = every entity (platform admin). */
export function managedEntities(request: FastifyRequest): string[] | null {
  const actor = request.actor;
  if (!actor) return [];
  if (hasRole(actor, 'platform_admin')) return null;
  return actor.roles.filter((r) => r.role === 'entity_official' && r.entityCode).map((r) => r.entityCode!);
}

/** Form values of a stored dataset, in the form's field names. */
export function formValuesOf(d: Dataset): DatasetFormValues {
  return {
    name: d.name,
    title: d.title,
    notes: d.notes,
    owner_org: d.organization.code,
    group: d.group.name,
    license_id: d.licenseId,
    frequency: d.frequency,
    localidades: d.localidades,
    temporal_start: d.temporalStart ?? '',
    temporal_end: d.temporalEnd ?? '',
    maintainer: d.contactName,
    maintainer_email: d.contactEmail,
    tags: d.tags.map((t) => t.name).join(', '),
    private: d.private ? 'true' : '',
    ...Object.fromEntries(Object.entries(d.extras).map(([k, v]) => [`extra:${k}`, v])),
  };
}

/** Input problems → field errors of the form (the group select is `group`, CKAN's key is `groups`). */
export function formErrors(errors: InputErrors): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([field, code]) => [field === 'groups' ? 'group' : field, { key: `open-data.errors.${code}` }]));
}

/** Officials' pages: their entity's datasets, the new-dataset form and the edit form. */
export function manageRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  const formData = async (request: FastifyRequest) => {
    const entities = managedEntities(request);
    const [organizations, groups, localidades] = await Promise.all([
      listOrganizations(db),
      listGroups(db),
      db.selectFrom('core_localidades').select(['code', 'name']).orderBy('code').execute(),
    ]);
    return { organizations: organizations.filter((o) => entities === null || entities.includes(o.code)), groups, localidades };
  };
  const knownLocalidades = async () => new Set((await db.selectFrom('core_localidades').select('code').execute()).map((l) => l.code));

  app.get('/datos/gestion', async (request, reply) => {
    await authorize(request, 'open-data', 'manage-datasets');
    const entities = managedEntities(request);
    const all = await loadDatasets(db, { includePrivate: true });
    const datasets = all.filter((d) => entities === null || entities.includes(d.organization.code));
    return sendPage(request, reply, <ManagePage ctx={viewContext(request, reply)} datasets={datasets} />);
  });

  app.get('/datos/gestion/nuevo', async (request, reply) => {
    await authorize(request, 'open-data', 'manage-datasets');
    const data = await formData(request);
    const values: DatasetFormValues = data.organizations.length === 1 ? { owner_org: data.organizations[0]!.code } : {};
    return sendPage(request, reply, <DatasetFormPage ctx={viewContext(request, reply)} action="/datos/gestion/nuevo" editing={false} values={values} {...data} />);
  });

  app.post('/datos/gestion/nuevo', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string | string[]>;
    const ownerOrg = typeof body.owner_org === 'string' ? body.owner_org : '';
    await authorize(request, 'open-data', 'manage-datasets', ownerOrg ? { entityCode: ownerOrg } : undefined);
    const parsed = parseDatasetInput(body, { localidades: await knownLocalidades() });
    const render = async (errors: InputErrors) =>
      sendPage(request, reply, <DatasetFormPage ctx={viewContext(request, reply)} action="/datos/gestion/nuevo" editing={false} values={body} errors={formErrors(errors)} {...await formData(request)} />, 400);
    if (!parsed.ok) return render(parsed.errors);
    const result = await db.transaction().execute((tx) => saveDataset(tx, { value: parsed.value, before: null, actor: request.actor, now: new Date(), requestId: request.id }));
    if (!result.ok) return render(result.errors);
    return redirectAfterPost(request, reply, datasetPath(result.dataset.name), 'open-data.manage.created');
  });

  const editable = async (request: FastifyRequest) => {
    const dataset = (await findDataset(db, (request.params as { name: string }).name)) ?? notFound();
    if (dataset.sourceExport) forbidden('missing_role');
    await authorize(request, 'open-data', 'manage-datasets', { entityCode: dataset.organization.code });
    return dataset;
  };

  app.get('/datos/conjuntos/:name/editar', async (request, reply) => {
    const dataset = await editable(request);
    const action = `${datasetPath(dataset.name)}/editar`;
    return sendPage(request, reply, <DatasetFormPage ctx={viewContext(request, reply)} action={action} editing values={formValuesOf(dataset)} {...await formData(request)} />);
  });

  app.post('/datos/conjuntos/:name/editar', async (request, reply) => {
    const dataset = await editable(request);
    const body = (request.body ?? {}) as Record<string, string | string[]>;
    const ownerOrg = typeof body.owner_org === 'string' ? body.owner_org : '';
    // Moving a dataset to another entity needs the right to manage that entity's datasets too.
    if (ownerOrg && ownerOrg !== dataset.organization.code) {
      const decision = await canOnRequest(request, 'open-data', 'manage-datasets', { entityCode: ownerOrg });
      if (!decision.allowed) forbidden(decision.reason);
    }
    const action = `${datasetPath(dataset.name)}/editar`;
    const parsed = parseDatasetInput(body, { localidades: await knownLocalidades() });
    const render = async (errors: InputErrors) =>
      sendPage(request, reply, <DatasetFormPage ctx={viewContext(request, reply)} action={action} editing values={body} errors={formErrors(errors)} {...await formData(request)} />, 400);
    if (!parsed.ok) return render(parsed.errors);
    const result = await db.transaction().execute((tx) => saveDataset(tx, { value: parsed.value, before: dataset, actor: request.actor, now: new Date(), requestId: request.id }));
    if (!result.ok) return render(result.errors);
    return redirectAfterPost(request, reply, datasetPath(result.dataset.name), 'open-data.manage.saved');
  });
}
