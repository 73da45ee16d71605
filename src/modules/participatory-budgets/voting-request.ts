import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { actForAssistedCitizen } from '../../core/auth/assisted.ts';
import { forbidden, HttpError, notFound } from '../../core/http/errors.ts';
import type { Actor, Decision } from '../../core/permissions/permissions.ts';
import type { VotingLookups } from './ballots.queries.ts';
import { budgetResource, type Edition, type Envelope } from './editions.queries.ts';

// What the voting routes read from a request: the envelope named by the address, who votes, and
// whether they may.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const EnvelopeParams = Type.Object({ slug: Type.String({ maxLength: 80 }), envelope: Type.String({ maxLength: 40 }) });

/** The edition and envelope named by the address (cached lookups; 404 when either is unknown). */
export async function loadEnvelope(lookups: VotingLookups, request: FastifyRequest): Promise<{ edition: Edition; envelope: Envelope }> {
  const { slug, envelope: key } = request.params as { slug: string; envelope: string };
  const edition = (await lookups.edition(slug)) ?? notFound();
  const envelope = (await lookups.envelope(edition.id, key)) ?? notFound();
  return { edition, envelope };
}

/**
 * Who votes: the signed-in person, or, with `?persona=<user id>`, the citizen a desk clerk is
 * assisting, only during an open assisted session that this clerk opened for that citizen.
 */
export async function voterOf(request: FastifyRequest): Promise<{ actor: Actor | null; citizen: { id: string; name: string } | null }> {
  const persona = (request.query as Record<string, unknown>).persona;
  if (persona === undefined || persona === '') return { actor: request.actor, citizen: null };
  if (!request.actor) return forbidden('not_signed_in');
  if (typeof persona !== 'string' || !UUID.test(persona)) return notFound();
  const { db } = request.server.gab;
  const citizen = await actForAssistedCitizen(db, request.actor, persona.toLowerCase());
  if (!citizen) throw new HttpError(403, 'forbidden', 'participatory-budgets.voting.assisted.no_session', { reason: 'missing_role' });
  const user = await db.selectFrom('core_users').select('display_name').where('id', '=', citizen.userId).executeTakeFirstOrThrow();
  return { actor: citizen, citizen: { id: citizen.userId, name: user.display_name } };
}

/**
 * May this person vote in this envelope now? The manifest requirement of `vote` (verified
 * residence in the envelope's localidad, age, guardian consent) and the rule (phase 'voting'),
 * checked for the voter: the assisted citizen, not the clerk.
 */
export async function voteDecision(request: FastifyRequest, actor: Actor | null, edition: Edition, envelope: Envelope): Promise<Decision> {
  const { registry, requirements } = request.server.gab;
  const requirement = (await requirements()).get('participatory-budgets.vote');
  return registry.can('participatory-budgets', 'vote', actor, budgetResource(edition, envelope), { requirement, localidadCode: envelope.localidad_code });
}

