import type { FastifyInstance } from 'fastify';
import { sendPage, viewContext } from '../../core/http/render.tsx';
import type { Services } from '../../core/modules/module.ts';
import { authorize } from '../../core/permissions/authorize.ts';
import type { ProposalStatus } from './participatory-budgets.schema.ts';
import { decide, EnvelopeParams, loadEnvelope, MODULE } from './proposals.http.tsx';
import { listOwnProposals, listProposals, listSubEnvelopes, PROPOSAL_SORTS, PUBLIC_STATUSES, referenceOptions, type ProposalSort } from './proposals.queries.ts';
import { LocalidadPage, type LocalidadFilters } from './views/LocalidadPage.tsx';

const PAGE_SIZE = 20;

/** Filters from the query string; unknown values are ignored rather than refused (shared links age). */
function readFilters(query: Record<string, unknown>, topics: { code: string }[]): LocalidadFilters {
  const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string).trim() : '');
  const topic = text('tema');
  const status = text('estado');
  const sort = text('orden');
  const page = Number(text('pagina'));
  return {
    q: text('q').slice(0, 200),
    topic: topics.some((t) => t.code === topic) ? topic : '',
    status: (PUBLIC_STATUSES as readonly string[]).includes(status) ? (status as ProposalStatus) : '',
    sort: (PROPOSAL_SORTS as readonly string[]).includes(sort) ? (sort as ProposalSort) : 'apoyos',
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

/** `/presupuestos-participativos/:slug/:envelope`: the localidad page of an edition. */
export function localidadRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  app.get('/presupuestos-participativos/:slug/:envelope', { schema: { params: EnvelopeParams } }, async (request, reply) => {
    await authorize(request, MODULE, 'view');
    const { edition, envelope } = await loadEnvelope(db, request.params);
    const options = await referenceOptions(db);
    const filters = readFilters(request.query as Record<string, unknown>, options.topics);
    const [{ total, items }, subEnvelopes, own, propose, assess] = await Promise.all([
      listProposals(db, envelope.id, { ...filters, status: filters.status || undefined, pageSize: PAGE_SIZE }),
      listSubEnvelopes(db, envelope.id),
      request.actor ? listOwnProposals(db, envelope.id, request.actor.userId) : Promise.resolve([]),
      decide(request, 'propose', edition, envelope),
      request.actor ? decide(request, 'assess', edition, envelope) : Promise.resolve({ allowed: false as const, reason: 'not_signed_in' as const }),
    ]);
    return sendPage(
      request,
      reply,
      <LocalidadPage
        ctx={viewContext(request, reply)}
        edition={edition}
        envelope={envelope}
        subEnvelopes={subEnvelopes}
        topics={options.topics}
        filters={filters}
        total={total}
        items={items}
        pageSize={PAGE_SIZE}
        own={own}
        propose={propose}
        canAssess={assess.allowed}
      />,
    );
  });
}
