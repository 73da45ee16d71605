import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Put first in a hot statement's text (`sql\`${PREPARED} SELECT …\``) to run it as a named prepared
 * statement. PostgreSQL then parses and plans it once per connection (after five runs it keeps a
 * generic plan) instead of on every request: for the statements every request runs (session and
 * actor, a ballot), planning cost more than executing. Only marked statements are prepared, so
 * each connection holds a handful of them rather than one per query shape the app ever built.
 * The mark may follow whitespace: a template literal that opens on a new line starts with one.
 */
export const PREPARED_MARK = '/* prepared */';

const names = new Map<string, string>();
/** The statement's name: a digest of its text, so one name never stands for two texts. */
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `gab_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

type Query = (...args: unknown[]) => unknown;

/** Whether `text` opens with the mark (after any whitespace; no copy of the long text). */
export function isMarked(text: string): boolean {
  let start = 0;
  while (start < text.length && text.charCodeAt(start) <= 32) start++;
  return text.startsWith(PREPARED_MARK, start);
}

/** Makes every client of `pool` run marked statements (Kysely sends text + values) by name. */
export function prepareMarkedStatements(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as Query;
    (client as unknown as { query: Query }).query = (...args: unknown[]) => {
      const [text, values] = args;
      if (typeof text === 'string' && isMarked(text) && (Array.isArray(values) || values === undefined) && args.length <= 2) {
        return query({ name: nameOf(text), text, values });
      }
      return query(...args);
    };
  });
}
