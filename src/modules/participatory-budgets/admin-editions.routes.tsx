import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireSignIn } from '../../core/auth/require-sign-in.ts';
import { withTransaction } from '../../core/db/database.ts';
import { notFound, type FieldErrors } from '../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import type { Services } from '../../core/modules/module.ts';
import { authorize } from '../../core/permissions/authorize.ts';
import { saveEnvelopes } from './commands/save-envelopes.ts';
import { SlugTakenError, saveEdition } from './commands/save-edition.ts';
import { addSubEnvelope, removeSubEnvelope, type SubEnvelopeFormValues } from './commands/save-sub-envelope.ts';
import { emptyEditionForm, parseEditionForm, toBogotaInput, type EditionFormValues } from './edition-form.ts';
import { findEditionBySlug, listEditions, listEnvelopes, type Edition } from './editions.queries.ts';
import { AdminEditionPage } from './views/AdminEditionPage.tsx';
import { ADMIN_PATH, AdminEditionsPage } from './views/AdminEditionsPage.tsx';

const FormBody = Type.Record(Type.String({ maxLength: 60 }), Type.String({ maxLength: 20_000 }));
const SlugParams = Type.Object({ slug: Type.String({ maxLength: 80 }) });
const SubParams = Type.Object({ slug: Type.String({ maxLength: 80 }), id: Type.String({ maxLength: 40 }) });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The saved edition as form values, for the edit form. */
function valuesOf(edition: Edition): EditionFormValues {
  const c = edition.ballot_config;
  const n = (v: number | undefined) => (v === undefined ? '' : String(v));
  return {
    title: edition.title,
    slug: edition.slug,
    year: String(edition.year),
    description: edition.description,
    ballot_rule: edition.ballot_rule,
    counting_rule: edition.counting_rule,
    add1_step: String(edition.add1_step).replace(/\.0+$/, ''),
    min_age: String(edition.min_age),
    max_choices: n(c.maxChoices),
    min_share: n(c.minShare),
    wallet_total: n(c.walletTotal),
    support_size: n(c.supportSize),
    points: n(c.points),
    max_per_project: n(c.maxPerProject),
    proposals_open_at: toBogotaInput(edition.proposals_open_at),
    proposals_close_at: toBogotaInput(edition.proposals_close_at),
    review_close_at: toBogotaInput(edition.review_close_at),
    voting_open_at: toBogotaInput(edition.voting_open_at),
    voting_close_at: toBogotaInput(edition.voting_close_at),
    execution_starts_on: edition.execution_starts_on ?? '',
  };
}

/**
 * Back office of editions (`/admin/presupuestos-participativos`): create and configure editions,
 * the envelope of each localidad and their sub-envelopes. Platform administrators only
 * (`manage-editions`); every write is validated, done in one transaction and audited.
 */
export async function adminEditionRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;

  await app.register(async (scope) => {
    scope.addHook('onRequest', requireSignIn);
    scope.addHook('preHandler', async (request) => authorize(request, 'participatory-budgets', 'manage-editions'));

    async function render(
      request: FastifyRequest,
      reply: FastifyReply,
      edition: Edition | null,
      form: { values?: EditionFormValues; errors?: FieldErrors; envelopeValues?: Record<string, string>; envelopeErrors?: FieldErrors; subValues?: SubEnvelopeFormValues; subErrors?: FieldErrors } = {},
      status = 200,
    ) {
      const envelopes = edition ? await listEnvelopes(db, edition.id) : [];
      const subEnvelopes = envelopes.length
        ? await db
            .selectFrom('participatory_budgets_sub_envelopes')
            .select(['id', 'envelope_id', 'kind', 'code', 'name', 'amount'])
            .where(
              'envelope_id',
              'in',
              envelopes.map((e) => e.id),
            )
            .orderBy('name')
            .execute()
        : [];
      const lines = await db.selectFrom('participatory_budgets_investment_lines').select(['code', 'name']).orderBy('position').execute();
      const concepts = await db.selectFrom('participatory_budgets_spending_concepts').select(['code', 'name']).orderBy('position').execute();
      const subCodes = [
        ...lines.map((l) => ({ kind: 'investment_line', ...l })),
        ...concepts.map((c) => ({ kind: 'spending_concept', ...c })),
        { kind: 'area', code: 'urbana', name: request.t('participatory-budgets.admin.area.urbana') },
        { kind: 'area', code: 'rural', name: request.t('participatory-budgets.admin.area.rural') },
      ];
      const values = form.values ?? (edition ? valuesOf(edition) : { ...emptyEditionForm(), year: String(new Date().getFullYear()), min_age: '14', ballot_rule: 'approval', counting_rule: 'mes-cost-u' });
      return sendPage(
        request,
        reply,
        <AdminEditionPage ctx={viewContext(request, reply)} edition={edition} values={values} errors={form.errors} envelopes={envelopes} envelopeValues={form.envelopeValues} envelopeErrors={form.envelopeErrors} subEnvelopes={subEnvelopes} subValues={form.subValues} subErrors={form.subErrors} subCodes={subCodes} />,
        status,
      );
    }

    const editionOf = async (request: FastifyRequest) => (await findEditionBySlug(db, (request.params as { slug: string }).slug)) ?? notFound();

    async function save(request: FastifyRequest, reply: FastifyReply, edition: Edition | null) {
      const { values, input, errors } = parseEditionForm(request.body as Record<string, string>);
      if (!input) return render(request, reply, edition, { values, errors }, 422);
      let result;
      try {
        result = await withTransaction(db, (tx) => saveEdition(tx, request.actor!, input, edition?.id ?? null, request.id));
      } catch (error) {
        if (!(error instanceof SlugTakenError)) throw error;
        result = { ok: false as const, errors: { slug: { key: 'participatory-budgets.admin.errors.slug_taken' } } };
      }
      if (!result.ok) return render(request, reply, edition, { values, errors: result.errors }, 422);
      return redirectAfterPost(request, reply, `${ADMIN_PATH}/${result.slug}`, edition ? 'participatory-budgets.admin.saved' : 'participatory-budgets.admin.created');
    }

    scope.get(ADMIN_PATH, async (request, reply) => sendPage(request, reply, <AdminEditionsPage ctx={viewContext(request, reply)} editions={await listEditions(db)} />));
    scope.get(`${ADMIN_PATH}/nueva`, async (request, reply) => render(request, reply, null));
    scope.post(`${ADMIN_PATH}/nueva`, { schema: { body: FormBody } }, async (request, reply) => save(request, reply, null));
    scope.get(`${ADMIN_PATH}/:slug`, { schema: { params: SlugParams } }, async (request, reply) => render(request, reply, await editionOf(request)));
    scope.post(`${ADMIN_PATH}/:slug`, { schema: { params: SlugParams, body: FormBody } }, async (request, reply) => save(request, reply, await editionOf(request)));

    scope.post(`${ADMIN_PATH}/:slug/presupuestos`, { schema: { params: SlugParams, body: FormBody } }, async (request, reply) => {
      const edition = await editionOf(request);
      const body = request.body as Record<string, string>;
      const result = await withTransaction(db, (tx) => saveEnvelopes(tx, request.actor!, edition.id, body, request.id));
      if (!result.ok) {
        const envelopeValues = Object.fromEntries(Object.entries(body).filter(([k]) => k.startsWith('amount_')));
        return render(request, reply, edition, { envelopeValues, envelopeErrors: result.errors }, 422);
      }
      return redirectAfterPost(request, reply, `${ADMIN_PATH}/${edition.slug}#presupuestos`, 'participatory-budgets.admin.envelopes_saved');
    });

    scope.post(`${ADMIN_PATH}/:slug/subbolsas`, { schema: { params: SlugParams, body: FormBody } }, async (request, reply) => {
      const edition = await editionOf(request);
      const body = request.body as Record<string, string>;
      const subValues: SubEnvelopeFormValues = { envelope: body.envelope ?? '', kind: body.kind ?? '', code: body.code ?? '', amount: body.amount ?? '' };
      const result = await withTransaction(db, (tx) => addSubEnvelope(tx, request.actor!, edition.id, subValues, request.id));
      if (!result.ok) return render(request, reply, edition, { subValues, subErrors: result.errors }, 422);
      return redirectAfterPost(request, reply, `${ADMIN_PATH}/${edition.slug}#subbolsas`, 'participatory-budgets.admin.sub_added');
    });

    scope.post(`${ADMIN_PATH}/:slug/subbolsas/:id/eliminar`, { schema: { params: SubParams } }, async (request, reply) => {
      const edition = await editionOf(request);
      const { id } = request.params as { id: string };
      if (!UUID.test(id)) notFound();
      const removed = await withTransaction(db, (tx) => removeSubEnvelope(tx, request.actor!, edition.id, id, request.id));
      if (!removed) return render(request, reply, edition, { subErrors: { envelope: { key: 'participatory-budgets.admin.errors.sub_in_use' } } }, 422);
      return redirectAfterPost(request, reply, `${ADMIN_PATH}/${edition.slug}#subbolsas`, 'participatory-budgets.admin.sub_removed');
    });
  });
}
