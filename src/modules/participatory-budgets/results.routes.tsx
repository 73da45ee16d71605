import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { withTransaction } from '../../core/db/database.ts';
import { notFound, type FieldErrors } from '../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import type { Services } from '../../core/modules/module.ts';
import { authorize, canOnRequest } from '../../core/permissions/authorize.ts';
import { requestPublication } from './commands/request-publication.ts';
import { parseExecutionInput, updateExecution, type ExecutionInput } from './commands/update-execution.ts';
import { budgetResource, editionPath, envelopePath, findEditionBySlug, findEnvelope, listEnvelopes, type Edition, type Envelope } from './editions.queries.ts';
import { envelopeToPb, pbFileName, resultScopes } from './pabulib-edition.ts';
import { envelopeParticipation } from './participation.ts';
import { showsResults } from './phases.ts';
import { editionResultSummaries, envelopeResults, findExecutionProject, listExecutionProjects, type ExecutionProject } from './results.queries.ts';
import { writePabulib } from './tally/pabulib.ts';
import { EditionResultsPage } from './views/EditionResultsPage.tsx';
import { ExecutionEditPage } from './views/ExecutionEditPage.tsx';
import { ExecutionPage } from './views/ExecutionPage.tsx';
import { ResultsPage } from './views/ResultsPage.tsx';

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 80 }) });
const EnvelopeParams = Type.Object({ slug: Type.String({ maxLength: 80 }), envelope: Type.String({ maxLength: 40 }) });
const ProjectParams = Type.Object({ slug: Type.String({ maxLength: 80 }), envelope: Type.String({ maxLength: 40 }), number: Type.String({ maxLength: 10 }) });
const PartQuery = Type.Object({ parte: Type.Optional(Type.String({ maxLength: 40 })) });
const ExecutionBody = Type.Object({
  status: Type.Optional(Type.String({ maxLength: 40 })),
  progress: Type.Optional(Type.String({ maxLength: 20 })),
  note: Type.Optional(Type.String({ maxLength: 10_000 })),
  _csrf: Type.String(),
});

/**
 * Results and execution: the results of each localidad and of the whole edition, the anonymised
 * ballots as a Pabulib file anyone can recount, the administrators' publication, and the
 * execution of winning projects (updated by officials of each alcaldía local).
 */
export async function resultsRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;

  async function load(request: FastifyRequest): Promise<{ edition: Edition; envelope: Envelope }> {
    const { slug, envelope: key } = request.params as { slug: string; envelope: string };
    const edition = (await findEditionBySlug(db, slug)) ?? notFound();
    const envelope = (await findEnvelope(db, edition.id, key)) ?? notFound();
    return { edition, envelope };
  }

  const mayPublish = async (request: FastifyRequest) => (await canOnRequest(request, 'participatory-budgets', 'manage-editions')).allowed;

  app.get('/presupuestos-participativos/:slug/resultados', { schema: { params: SlugParams } }, async (request, reply) => {
    await authorize(request, 'participatory-budgets', 'view');
    const { slug } = request.params as { slug: string };
    const edition = (await findEditionBySlug(db, slug)) ?? notFound();
    const published = showsResults(edition.phase);
    const envelopes = await listEnvelopes(db, edition.id);
    const summaries = published ? await editionResultSummaries(db, edition.id) : new Map();
    return sendPage(request, reply, <EditionResultsPage ctx={viewContext(request, reply)} edition={edition} envelopes={envelopes} summaries={summaries} canPublish={await mayPublish(request)} />);
  });

  app.post('/presupuestos-participativos/:slug/resultados/publicar', { schema: { params: SlugParams, body: Type.Object({ _csrf: Type.String() }) } }, async (request, reply) => {
    await authorize(request, 'participatory-budgets', 'manage-editions');
    const { slug } = request.params as { slug: string };
    const edition = (await findEditionBySlug(db, slug)) ?? notFound();
    const target = `${editionPath(edition)}/resultados`;
    // The count runs as a job (it can take minutes); the results pages say "calculating" meanwhile.
    const result = await withTransaction(db, (tx) => requestPublication(tx, { actor: request.actor!, editionId: edition.id, requestId: request.id }));
    if (result.ok) return redirectAfterPost(request, reply, target, 'participatory-budgets.results.publish.requested');
    if (result.error === 'not_found') return notFound();
    request.session.flash(result.error === 'voting_not_closed' ? 'error' : 'info', `participatory-budgets.results.publish.${result.error}`);
    return reply.redirect(target, 303);
  });

  app.get('/presupuestos-participativos/:slug/:envelope/resultados', { schema: { params: EnvelopeParams } }, async (request, reply) => {
    await authorize(request, 'participatory-budgets', 'view');
    const { edition, envelope } = await load(request);
    const published = showsResults(edition.phase);
    const scopes = published ? await envelopeResults(db, envelope.id) : [];
    const participation = published ? await envelopeParticipation(db, envelope.id) : null;
    const execution = published ? await listExecutionProjects(db, { envelopeId: envelope.id }) : [];
    return sendPage(
      request,
      reply,
      <ResultsPage
        ctx={viewContext(request, reply)}
        edition={edition}
        envelope={envelope}
        scopes={scopes}
        // Imported elections have no voter roll: their participation is in the .pb file's own columns.
        participation={participation && participation.voters > 0 ? participation : null}
        execution={execution}
        canPublish={await mayPublish(request)}
      />,
    );
  });

  app.get('/presupuestos-participativos/:slug/:envelope/votos.pb', { schema: { params: EnvelopeParams, querystring: PartQuery } }, async (request, reply) => {
    await authorize(request, 'participatory-budgets', 'view');
    const { edition, envelope } = await load(request);
    // Ballots become public only with the results (never while voting or counting).
    if (!showsResults(edition.phase)) return notFound();
    const part = (request.query as { parte?: string }).parte ?? null;
    const scopes = await resultScopes(db, envelope.id);
    const scope = scopes.find((s) => s.part === part);
    if (!scope) {
      if (part === null && scopes.length > 1) return reply.redirect(`${envelopePath(edition, envelope)}/resultados#recuento`, 302);
      return notFound();
    }
    const pb = (await envelopeToPb(db, edition, envelope, part)) ?? notFound();
    return reply
      .type('text/plain; charset=utf-8')
      .header('content-disposition', `attachment; filename="${pbFileName(edition, envelope, scope)}"`)
      .header('cache-control', 'public, max-age=300')
      .send(writePabulib(pb));
  });

  app.get('/presupuestos-participativos/:slug/:envelope/ejecucion', { schema: { params: EnvelopeParams } }, async (request, reply) => {
    await authorize(request, 'participatory-budgets', 'view');
    const { edition, envelope } = await load(request);
    const published = showsResults(edition.phase);
    const projects = published ? await listExecutionProjects(db, { envelopeId: envelope.id }) : [];
    const decision = await canOnRequest(request, 'participatory-budgets', 'update-execution', budgetResource(edition, envelope));
    // Only staff who could update some projects are told why they cannot update these.
    const isOfficial = request.actor?.roles.some((r) => r.role === 'entity_official') ?? false;
    return sendPage(
      request,
      reply,
      <ExecutionPage
        ctx={viewContext(request, reply)}
        edition={edition}
        envelope={envelope}
        projects={projects}
        published={published}
        canUpdate={decision.allowed}
        denial={!decision.allowed && isOfficial ? decision.reason : null}
      />,
    );
  });

  /** The project being updated, after checking the official may update this envelope's execution. */
  async function loadProject(request: FastifyRequest): Promise<{ edition: Edition; envelope: Envelope; project: ExecutionProject }> {
    const { edition, envelope } = await load(request);
    await authorize(request, 'participatory-budgets', 'update-execution', budgetResource(edition, envelope));
    const { number } = request.params as { number: string };
    if (!/^\d{1,9}$/.test(number)) notFound();
    const project = (await findExecutionProject(db, envelope.id, Number(number))) ?? notFound();
    return { edition, envelope, project };
  }

  function renderEdit(request: FastifyRequest, reply: FastifyReply, loaded: { edition: Edition; envelope: Envelope; project: ExecutionProject }, values: ExecutionInput, errors?: FieldErrors, canUpdate = true) {
    return sendPage(
      request,
      reply,
      <ExecutionEditPage ctx={viewContext(request, reply)} {...loaded} values={values} errors={errors} canUpdate={canUpdate} />,
      errors ? 422 : 200,
    );
  }

  // Public: the consequence of the vote (a winning proposal links here, and this page links back);
  // officials who may update the project's execution also get the form.
  app.get('/presupuestos-participativos/:slug/:envelope/ejecucion/:number', { schema: { params: ProjectParams } }, async (request, reply) => {
    await authorize(request, 'participatory-budgets', 'view');
    const { edition, envelope } = await load(request);
    if (!showsResults(edition.phase)) return notFound();
    const { number } = request.params as { number: string };
    if (!/^\d{1,9}$/.test(number)) notFound();
    const project = (await findExecutionProject(db, envelope.id, Number(number))) ?? notFound();
    const decision = await canOnRequest(request, 'participatory-budgets', 'update-execution', budgetResource(edition, envelope));
    return renderEdit(request, reply, { edition, envelope, project }, { status: project.status, progress: String(project.progress), note: project.note }, undefined, decision.allowed);
  });

  app.post('/presupuestos-participativos/:slug/:envelope/ejecucion/:number', { schema: { params: ProjectParams, body: ExecutionBody } }, async (request, reply) => {
    const loaded = await loadProject(request);
    const body = request.body as { status?: string; progress?: string; note?: string };
    const values: ExecutionInput = { status: body.status ?? '', progress: body.progress ?? '', note: body.note ?? '' };
    const parsed = parseExecutionInput(values);
    if (!parsed.ok) return renderEdit(request, reply, loaded, values, parsed.errors);
    const result = await withTransaction(db, (tx) => updateExecution(tx, { actor: request.actor!, proposalId: loaded.project.proposalId, change: parsed.change, requestId: request.id }));
    if (!result.ok) return notFound();
    return redirectAfterPost(request, reply, `${envelopePath(loaded.edition, loaded.envelope)}/ejecucion`, 'participatory-budgets.results.execution.saved', { number: loaded.project.number });
  });
}
