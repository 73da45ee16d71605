import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

const ASSETS_DIR = new URL('../views/assets/', import.meta.url);

const TYPES: Record<string, string> = {
  'gab.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

// Assets are read once at boot: they are small and the app serves them from memory.
const files = new Map<string, Buffer>(Object.keys(TYPES).map((name) => [name, readFileSync(new URL(name, ASSETS_DIR))]));
// One stylesheet per page keeps requests down: the chart styles ride along with the base styles.
files.set('gab.css', Buffer.concat([files.get('gab.css')!, readFileSync(new URL('../views/charts/charts.css', import.meta.url))]));

/** Changes whenever an asset changes, so URLs with `?v=` can be cached for a year. */
export const ASSET_VERSION = createHash('sha256')
  .update(Buffer.concat([...files.values()]))
  .digest('hex')
  .slice(0, 10);

/** Registers another asset (a module's script or style); call before the app starts. */
export function addAsset(name: string, type: string, content: Buffer): void {
  TYPES[name] = type;
  files.set(name, content);
}

export function registerAssets(app: FastifyInstance): void {
  app.get('/assets/:name', { schema: { hide: true } as object }, async (request, reply) => {
    const { name } = request.params as { name: string };
    const content = files.get(name);
    if (!content) return reply.callNotFound();
    const versioned = (request.query as { v?: string }).v === ASSET_VERSION;
    return reply
      .type(TYPES[name]!)
      .header('cache-control', versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300')
      .send(content);
  });
}
