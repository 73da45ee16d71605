import type { FastifyRequest } from 'fastify';
import type { Executor } from '../../core/db/database.ts';
import { notFound } from '../../core/http/errors.ts';
import { authorize } from '../../core/permissions/authorize.ts';
import { findCentreBySlug, type Centre } from './centres.queries.ts';

/** The centre of the URL (`:slug`), once the person may manage it: 404 if unknown, 403 `wrong_entity` if not theirs. */
export async function managedCentre(db: Executor, request: FastifyRequest): Promise<Centre> {
  const centre = (await findCentreBySlug(db, (request.params as { slug: string }).slug)) ?? notFound();
  await authorize(request, 'service-points', 'manage-centre', { entityCodes: centre.entityCodes });
  return centre;
}
