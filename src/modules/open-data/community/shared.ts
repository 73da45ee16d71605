import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Decision } from '../../../core/permissions/permissions.ts';
import { publicCatalogue } from '../self-publish.ts';

/** Route schemas shared by the community's forms. */
export const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
export const FormBody = Type.Record(Type.String({ maxLength: 60 }), Type.Union([Type.String({ maxLength: 20_000 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100 })]));
export const ListQuery = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 300 }));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** Public datasets people can link to, by title, and their ids by name (to check what a form sent). */
export async function datasetChoices(app: FastifyInstance): Promise<{ list: { name: string; title: string }[]; ids: Map<string, string> }> {
  const datasets = await publicCatalogue(app.gab);
  const list = datasets.map((d) => ({ name: d.name, title: d.title })).sort((a, b) => a.title.localeCompare(b.title, 'es'));
  return { list, ids: new Map(datasets.map((d) => [d.name, d.id])) };
}

/** A decision function for `action` with the admin-set requirement fetched now, for commands to call inside their transaction. */
export async function decider(request: FastifyRequest, action: string): Promise<(resource: unknown) => Decision> {
  const { registry, requirements } = request.server.gab;
  const requirement = (await requirements()).get(`open-data.${action}`);
  return (resource) => registry.can('open-data', action, request.actor, resource, { requirement });
}

/** After a POST that changed nothing (already done, closed meanwhile): back to the page, saying why. */
export function redirectWithInfo(request: FastifyRequest, reply: FastifyReply, to: string, key: string): FastifyReply {
  request.session.flash('info', key);
  return reply.redirect(to, 303);
}
