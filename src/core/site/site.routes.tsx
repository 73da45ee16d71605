import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { cachedFor } from '../cache/ttl-cache.ts';
import { isLocale } from '../i18n/i18n.ts';
import { LOCALE_COOKIE } from '../http/request-context.ts';
import { redirectAfterPost, safeLocalPath, sendPage, viewContext } from '../http/render.tsx';
import type { ModuleStat } from '../modules/module.ts';
import { searchDocuments } from '../search/search.ts';
import { ErrorResponse } from '../http/api-schemas.ts';
import { ApiDocsPage } from './pages/ApiDocsPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { PolicyPage } from './pages/PolicyPage.tsx';
import { SearchPage } from './pages/SearchPage.tsx';
import { SitemapPage } from './pages/SitemapPage.tsx';
import { POLICIES, POLICY_SLUGS } from './policies.ts';

const SEARCH_PAGE_SIZE = 20;
// Home-page figures are recomputed at most every few seconds per process: they are informative,
// and this keeps the busiest page from running every module's counts on each hit. The page renders
// them once per load and language (HomePage keys that rendering on the loaded array, frozen so
// the rendering cannot go out of step with it), which adds no staleness beyond this TTL.
const STATS_TTL_MS = 5000;

/** Core pages: home, search, policies, site map, language switch, health and API documentation. */
export function registerSiteRoutes(app: FastifyInstance): void {
  const loadStats = cachedFor(STATS_TTL_MS, async (): Promise<readonly ModuleStat[]> => {
    const { registry, db } = app.gab;
    const lists = await Promise.all(registry.modules.map((m) => (m.stats ? m.stats(db) : Promise.resolve([]))));
    return Object.freeze(lists.flat().map((stat) => Object.freeze({ ...stat })));
  });

  app.get('/', async (request, reply) => {
    const stats = await loadStats();
    return sendPage(request, reply, <HomePage ctx={viewContext(request, reply)} modules={app.gab.registry.modules} stats={stats} />);
  });

  app.get('/mapa-del-sitio', async (request, reply) =>
    sendPage(request, reply, <SitemapPage ctx={viewContext(request, reply)} modules={app.gab.registry.modules} />),
  );

  for (const [slug, name] of Object.entries(POLICY_SLUGS)) {
    app.get(`/${slug}`, async (request, reply) =>
      sendPage(request, reply, <PolicyPage ctx={viewContext(request, reply)} title={request.t(`pages.${name}.title`)} policy={POLICIES[name][request.locale]} />),
    );
  }

  app.get(
    '/buscar',
    { schema: { querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), page: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }) } },
    async (request, reply) => {
      const { q = '', page = 1 } = request.query as { q?: string; page?: number };
      const { total, hits } = await searchDocuments(app.gab.db, q, { locale: request.locale, limit: SEARCH_PAGE_SIZE, offset: (page - 1) * SEARCH_PAGE_SIZE });
      return sendPage(request, reply, <SearchPage ctx={viewContext(request, reply)} q={q.trim()} total={total} hits={hits} page={page} pageSize={SEARCH_PAGE_SIZE} />);
    },
  );

  app.post(
    '/idioma',
    { schema: { body: Type.Object({ lang: Type.String(), next: Type.Optional(Type.String()), _csrf: Type.String() }) } },
    async (request, reply) => {
      const { lang, next } = request.body as { lang: string; next?: string };
      if (!isLocale(lang)) return reply.redirect(safeLocalPath(next), 303);
      reply.setCookie(LOCALE_COOKIE, lang, { path: '/', maxAge: 365 * 86400, sameSite: 'lax', httpOnly: true, secure: app.gab.config.tls });
      // Translated when the next page renders, so it appears in the newly chosen language.
      request.session.flash('info', 'language.changed');
      return redirectAfterPost(request, reply, safeLocalPath(next));
    },
  );

  app.get(
    '/healthz',
    {
      config: { rateLimit: false },
      schema: {
        summary: 'Estado del servicio y de la base de datos',
        response: {
          200: Type.Object({ status: Type.Literal('ok'), database: Type.Object({ status: Type.Literal('ok'), kind: Type.String(), migrations: Type.Integer() }), uptimeSeconds: Type.Integer() }),
          503: ErrorResponse,
        },
      },
    },
    async (_request, reply) => {
      try {
        const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM core_migrations`.execute(app.gab.db);
        return { status: 'ok', database: { status: 'ok', kind: app.gab.dbKind, migrations: row.rows[0]?.n ?? 0 }, uptimeSeconds: Math.round((Date.now() - app.gab.startedAt.getTime()) / 1000) };
      } catch {
        return reply.code(503).send({ error: { code: 'database_unavailable', message: 'La base de datos no responde / database unavailable', requestId: _request.id } });
      }
    },
  );

  app.get('/api/v1/openapi.json', { schema: { hide: true } as object }, async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(app.swagger()));

  app.get('/api/v1/docs', { schema: { hide: true } as object }, async (request, reply) =>
    sendPage(request, reply, <ApiDocsPage ctx={viewContext(request, reply)} document={app.swagger() as Record<string, unknown>} />),
  );
}
