import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireSignIn } from '../../core/auth/require-sign-in.ts';
import { withTransaction } from '../../core/db/database.ts';
import { notFound, type FieldErrors } from '../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import type { Services } from '../../core/modules/module.ts';
import { authorize, canOnRequest } from '../../core/permissions/authorize.ts';
import { hasRole } from '../../core/permissions/permissions.ts';
import { saveService, ServiceTakenError } from './commands/save-service.ts';
import { parseServiceForm, SERVICE_FIELDS, type ServiceValues } from './service-form.ts';
import { findServiceBySlug, listServices, type Service } from './services.queries.ts';
import { AdminServicePage } from './views/AdminServicePage.tsx';
import { AdminServicesPage } from './views/AdminServicesPage.tsx';

const ADMIN_PATH = '/admin/tramites';
const FormBody = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 10_000 }));
const SlugParams = Type.Object({ slug: Type.String({ maxLength: 80 }) });

const valuesOf = (s: Service): ServiceValues => ({
  name: s.name,
  slug: s.slug,
  summary: s.summary,
  entity: s.entityCode,
  requirements: s.requirements.join('\n'),
  cost_kind: s.costKind,
  cost_cop: s.costCop ?? '',
  cost_note: s.costNote,
  channel: s.channel,
  online_url: s.onlineUrl ?? '',
  source_url: s.sourceUrl ?? '',
});

/**
 * Back office of the catalogue (`/admin/tramites`): officials add and edit the entries of their
 * own entity, platform admins any entry. Validated, one transaction, audited, reindexed.
 */
export function adminCatalogueRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  app.register(async (scope) => {
    scope.addHook('onRequest', requireSignIn);
    scope.addHook('preHandler', async (request) => authorize(request, 'service-points', 'manage-catalogue'));

    /** Entities the person may file entries for: all for platform admins, else those of their official roles. */
    async function entityOptions(request: FastifyRequest) {
      const actor = request.actor!;
      const all = await db.selectFrom('core_entities').select(['code', 'acronym', 'name']).orderBy('name').execute();
      if (hasRole(actor, 'platform_admin')) return all;
      return all.filter((e) => hasRole(actor, 'entity_official', e.code));
    }

    async function render(request: FastifyRequest, reply: FastifyReply, service: Service | null, values: ServiceValues, errors?: FieldErrors, status = 200) {
      return sendPage(request, reply, <AdminServicePage ctx={viewContext(request, reply)} service={service} values={values} errors={errors} entities={await entityOptions(request)} />, status);
    }

    async function save(request: FastifyRequest, reply: FastifyReply, before: Service | null) {
      const { values, input, errors } = parseServiceForm(request.body as Record<string, unknown>);
      if (!input) return render(request, reply, before, values, errors, 422);
      // Filing under an entity is itself checked: an official cannot move an entry to another entity.
      await authorize(request, 'service-points', 'manage-catalogue', { entityCode: input.entityCode });
      let result;
      try {
        result = await withTransaction(db, (tx) => saveService(tx, { service: input, before, actor: request.actor!, now: new Date(), requestId: request.id }));
      } catch (error) {
        if (!(error instanceof ServiceTakenError)) throw error;
        result = { ok: false as const, errors: { slug: { key: 'service-points.admin.errors.slug_taken' } } };
      }
      if (!result.ok) return render(request, reply, before, values, result.errors, 422);
      return redirectAfterPost(request, reply, `${ADMIN_PATH}/${result.slug}`, 'service-points.admin.saved');
    }

    async function serviceOf(request: FastifyRequest): Promise<Service> {
      const service = (await findServiceBySlug(db, (request.params as { slug: string }).slug)) ?? notFound();
      await authorize(request, 'service-points', 'manage-catalogue', { entityCode: service.entityCode });
      return service;
    }

    scope.get(ADMIN_PATH, async (request, reply) => {
      const all = await listServices(db);
      const mine = [];
      for (const s of all) if ((await canOnRequest(request, 'service-points', 'manage-catalogue', { entityCode: s.entityCode })).allowed) mine.push(s);
      return sendPage(request, reply, <AdminServicesPage ctx={viewContext(request, reply)} services={mine} />);
    });

    const empty = (): ServiceValues => ({ ...(Object.fromEntries(SERVICE_FIELDS.map((f) => [f, ''])) as unknown as ServiceValues), cost_kind: 'free', channel: 'in_person' });
    scope.get(`${ADMIN_PATH}/nuevo`, async (request, reply) => render(request, reply, null, empty()));
    scope.post(`${ADMIN_PATH}/nuevo`, { schema: { body: FormBody } }, async (request, reply) => save(request, reply, null));
    scope.get(`${ADMIN_PATH}/:slug`, { schema: { params: SlugParams } }, async (request, reply) => {
      const service = await serviceOf(request);
      return render(request, reply, service, valuesOf(service));
    });
    scope.post(`${ADMIN_PATH}/:slug`, { schema: { params: SlugParams, body: FormBody } }, async (request, reply) => save(request, reply, await serviceOf(request)));
  });
}
