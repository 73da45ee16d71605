import type { FastifyRequest } from 'fastify';
import type { Services } from '../../../core/modules/module.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';

/**
 * The contract between the CKAN Action API dispatcher (`/api/3/action/<name>`) and each action.
 * Actions return the envelope's `result`; they signal failures by throwing the errors below, which
 * the dispatcher maps exactly as CKAN's `ckan/views/api.py` does (status, `error.__type`, body).
 */
export type CkanParams = Record<string, unknown>;

/** Who calls: a person authenticated by a personal access token in `Authorization`, or nobody. */
export interface CkanCaller {
  actor: Actor;
  scopes: readonly ('read' | 'write')[];
}

export interface CkanActionContext {
  params: CkanParams;
  services: Services;
  request: FastifyRequest;
  caller: CkanCaller | null;
  /** Absolute base URL of the platform (for `_links`, resource URLs), without a trailing slash. */
  baseUrl: string;
}

export interface CkanActionDefinition {
  /** Read-only actions accept GET with query parameters; the others only POST (CKAN: 400 otherwise). */
  sideEffectFree: boolean;
  run(context: CkanActionContext): Promise<unknown>;
}

/** 409 `Validation Error`: `error` is the field-error dict itself (`{"rows": ["Invalid integer"]}`). */
export class CkanValidationError extends Error {
  constructor(readonly fields: Record<string, string[]>) {
    super('Validation Error');
  }
}

/** 404 `Not Found Error`, message "Not found" or "Not found: <detail>". */
export class CkanNotFoundError extends Error {
  constructor(readonly detail?: string) {
    super(detail ? `Not found: ${detail}` : 'Not found');
  }
}

/** 403 `Authorization Error`, message "Access denied" or "Access denied: <detail>". */
export class CkanAuthorizationError extends Error {
  constructor(readonly detail?: string) {
    super(detail ? `Access denied: ${detail}` : 'Access denied');
  }
}

/** 400 `Search Query Error`, message "Search Query is invalid: <detail>". */
export class CkanSearchQueryError extends Error {
  constructor(readonly detail: string) {
    super(`Search Query is invalid: ${detail}`);
  }
}
