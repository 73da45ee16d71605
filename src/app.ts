import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Config } from './core/config/config.ts';
import type { DatabaseHandle } from './core/db/database.ts';
import { createFileStore } from './core/files/file-store.ts';
import { cachedFor } from './core/cache/ttl-cache.ts';
import { registerAssets } from './core/http/assets.ts';
import { registerErrorHandling } from './core/http/error-handler.tsx';
import './core/http/fastify-types.ts';
import { registerRequestContext, registerSessionSaving } from './core/http/request-context.ts';
import { registerSecurityHeaders } from './core/http/security-headers.ts';
import { CORE_CATALOG } from './core/i18n/core-catalog.ts';
import { createMailer, type Mailer } from './core/mail/mailer.ts';
import type { ModuleRegistry } from './core/modules/registry.ts';
import { registerSiteRoutes } from './core/site/site.routes.tsx';
import { registerNotificationRoutes } from './core/notifications/notifications.routes.tsx';

// An admin's change to what an action requires reaches every process within this time.
const REQUIREMENTS_TTL_MS = 5000;

/** Replaces long opaque path segments and token query values with "[token]". */
export function redactUrlTokens(url: string): string {
  return url.replace(/\/[A-Za-z0-9_-]{24,}(?=[/?#]|$)/g, '/[token]').replace(/([?&](?:token|code|state)=)[^&#]*/g, '$1[token]');
}

export { CORE_CATALOG };

export interface BuildAppOptions {
  config: Config;
  database: DatabaseHandle;
  registry: ModuleRegistry;
  mailer?: Mailer;
}

/**
 * Builds the Fastify app: core plugins and pages first, then each module's routes in the order of
 * `src/modules/index.ts`. Does not listen; `serve` and the tests decide that.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, database, registry } = options;
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
            serializers: {
              // One-time tokens travel in some URLs (e-mail confirmation, password reset): keep them out of logs.
              req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: redactUrlTokens(req.url), remoteAddress: req.ip }),
            },
          },
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
  });
  app.decorate('gab', {
    config,
    db: database.db,
    dbKind: database.kind,
    mailer: options.mailer ?? createMailer(config, (line) => app.log.info(line)),
    files: createFileStore(join(config.dataDir, 'files'), config.uploadMaxBytes),
    registry,
    catalog: registry.catalog(CORE_CATALOG),
    startedAt: new Date(),
    requirements: cachedFor(REQUIREMENTS_TTL_MS, async () => {
      const rows = await database.db.selectFrom('core_action_requirements').select(['module', 'action', 'min_level', 'min_age']).execute();
      return new Map(rows.map((r) => [`${r.module}.${r.action}`, { minLevel: r.min_level, minAge: r.min_age }]));
    }),
  });

  registerSessionSaving(app);
  await app.register(cookie);
  registerRequestContext(app);
  await app.register(formbody);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'GAB — API de Gobierno Abierto de Bogotá',
        version: '1.0.0',
        description: 'API JSON pública de la plataforma GAB. Respuestas `{ "data": … }`; errores `{ "error": { "code", "message", "reason?", "fields?" } }`.',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      servers: [{ url: config.baseUrl }],
    },
    transform: ({ schema, url }) => ({ schema: url.startsWith('/api/v1/') || url === '/healthz' ? schema : ({ ...schema, hide: true } as typeof schema), url }),
  });
  registerSecurityHeaders(app, config.tls);
  registerErrorHandling(app);
  registerAssets(app);
  registerSiteRoutes(app);
  registerNotificationRoutes(app);
  for (const module of registry.modules) {
    if (module.routes) await module.routes(app, app.gab);
  }
  return app;
}
