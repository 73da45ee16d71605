import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { addAsset } from '../../core/http/assets.ts';

const NAME = 'pb-ballot.js';
const CONTENT = readFileSync(new URL('./assets/pb-ballot.js', import.meta.url));
// Its own version: the core's ASSET_VERSION is computed before modules add their assets.
const VERSION = createHash('sha256').update(CONTENT).digest('hex').slice(0, 10);

/**
 * Registers the ballot's live status script (same-origin, so the CSP's `script-src 'self'` allows
 * it) and returns its address. The ballot works without it.
 */
export function ballotScriptSrc(): string {
  addAsset(NAME, 'text/javascript; charset=utf-8', CONTENT);
  return `/assets/${NAME}?v=${VERSION}`;
}
