import type { Catalog, Locale, Translate } from '../i18n/i18n.ts';
import type { ModuleRegistry } from '../modules/registry.ts';
import type { Services } from '../modules/module.ts';
import type { ActionRequirement, Actor } from '../permissions/permissions.ts';
import type { RateLimitRule } from './rate-limit.ts';
import type { Session } from './sessions.ts';

/** What the app hangs on Fastify: core services plus the module registry and messages. */
export interface GabServices extends Services {
  registry: ModuleRegistry;
  catalog: Catalog;
  startedAt: Date;
  /** Admin-set action requirements keyed `module.action` (cached a few seconds per process). */
  requirements: () => Promise<Map<string, ActionRequirement>>;
}

declare module 'fastify' {
  interface FastifyInstance {
    gab: GabServices;
  }
  interface FastifyRequest {
    locale: Locale;
    t: Translate;
    session: Session;
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Set to false on machine-to-machine endpoints authenticated otherwise. */
    csrf?: boolean;
    /** Overrides the default limit for state-changing requests; false disables it. */
    rateLimit?: RateLimitRule | false;
    /**
     * The route's command counts this request's rate-limit hit inside its own write statement
     * (`takeRateLimitHit`), which saves the request a write transaction of its own. Requests are
     * still refused early once the window is full, and a hit the route does not take (it answered
     * without writing) is counted as the response is sent.
     */
    deferRateLimit?: boolean;
    /**
     * The request may start from the session and person this process loaded for the same session
     * earlier, with no read statement, when its write checks them in the same statement
     * (`contextCheck`, `contextUnchangedSql`) and the route calls `confirmContext` before deciding
     * anything else on them. Only with `deferRateLimit` (the write counts the hit) and on routes
     * that do not write the session.
     */
    rememberedContext?: boolean;
  }
}
