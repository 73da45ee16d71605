import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hitRateLimit } from '../../core/http/rate-limit.ts';
import { hasRole, type Actor } from '../../core/permissions/permissions.ts';
import { keyedHash } from '../../core/security/tokens.ts';
import type { MailContext } from './notify-requester.ts';
import { readSetting, type ServiceRequestsSetting } from './service-requests.settings.ts';

export const MODULE = 'service-requests';

export const mailContext = (app: FastifyInstance): MailContext => ({ catalog: app.gab.catalog, baseUrl: app.gab.config.baseUrl });

/** The client address, hashed: rate limits and consent records tell clients apart without keeping addresses. */
export const clientHash = (request: FastifyRequest) => keyedHash(request.server.gab.config.secret, 'rate-limit', request.ip);

/** Per-client hourly limit of one kind of request (filing, follow lookups); the limit is a module setting. */
export async function limitPerHour(request: FastifyRequest, name: string, setting: ServiceRequestsSetting): Promise<void> {
  const { db } = request.server.gab;
  await hitRateLimit(db, `service-requests.${name}:${clientHash(request)}`, { max: await readSetting(db, setting), windowSeconds: 3600 });
}

const GRANTS = 'serviceRequestGrants';
const RECEIPT = 'serviceRequestReceipt';
const MAX_GRANTS = 20;

/** Remembers in the session that this browser proved it holds the request's follow code. */
export function grantFollow(request: FastifyRequest, id: string): void {
  const current = (request.session.data[GRANTS] as string[] | undefined) ?? [];
  request.session.set(GRANTS, [id, ...current.filter((g) => g !== id)].slice(0, MAX_GRANTS));
}

export const hasGrant = (request: FastifyRequest, id: string) => ((request.session.data[GRANTS] as string[] | undefined) ?? []).includes(id);

export interface Receipt {
  radicado: string;
  code: string;
  dueOn: string;
  typeCode: string;
  entityName: string;
  emailed: boolean;
}

/** The receipt with the follow code is kept in the session for exactly one page view. */
export function keepReceipt(request: FastifyRequest, receipt: Receipt): void {
  request.session.set(RECEIPT, receipt);
}

export function takeReceipt(request: FastifyRequest): Receipt | null {
  const receipt = request.session.data[RECEIPT] as Receipt | undefined;
  if (!receipt) return null;
  request.session.set(RECEIPT, undefined);
  delete request.session.data[RECEIPT];
  return receipt;
}

/**
 * The entities whose queue the person works: null means every entity (platform admins and
 * officials whose role is not scoped to one entity).
 */
export function workedEntities(actor: Actor | null): string[] | null {
  if (!actor) return [];
  if (actor.roles.some((r) => r.role === 'platform_admin' || (r.role === 'entity_official' && r.entityCode === null))) return null;
  return actor.roles.filter((r) => r.role === 'entity_official' && r.entityCode).map((r) => r.entityCode!);
}

export const isStaffFor = (actor: Actor | null, entityCode: string) => hasRole(actor, 'entity_official', entityCode);

/** A string field of a form body, cut to `max` characters. */
export function field(body: unknown, name: string, max = 400): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
}
