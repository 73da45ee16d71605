import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../core/http/errors.ts';
import { sendPage, viewContext } from '../../core/http/render.tsx';
import type { Services } from '../../core/modules/module.ts';
import { authorize, canOnRequest } from '../../core/permissions/authorize.ts';
import { adminEditionRoutes } from './admin-editions.routes.tsx';
import { findEditionBySlug, listEditions, summarizeEnvelopes } from './editions.queries.ts';
import { EditionPage } from './views/EditionPage.tsx';
import { EditionsPage } from './views/EditionsPage.tsx';

export const SlugParams = Type.Object({ slug: Type.String({ maxLength: 80 }) });

/** Citizen pages of editions: the list, and one edition with its localidades. */
export async function editionsRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;

  app.get('/presupuestos-participativos', async (request, reply) => {
    await authorize(request, 'participatory-budgets', 'view');
    const editions = await listEditions(db);
    const canManage = (await canOnRequest(request, 'participatory-budgets', 'manage-editions')).allowed;
    return sendPage(request, reply, <EditionsPage ctx={viewContext(request, reply)} editions={editions} canManage={canManage} />);
  });

  app.get('/presupuestos-participativos/:slug', { schema: { params: SlugParams } }, async (request, reply) => {
    await authorize(request, 'participatory-budgets', 'view');
    const { slug } = request.params as { slug: string };
    const edition = (await findEditionBySlug(db, slug)) ?? notFound();
    const envelopes = await summarizeEnvelopes(db, edition.id);
    return sendPage(request, reply, <EditionPage ctx={viewContext(request, reply)} edition={edition} envelopes={envelopes} residence={request.actor?.residenceLocalidad ?? null} />);
  });

  await adminEditionRoutes(app, services);
}
