import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../../test/database.ts';
import { loadSessionActor } from '../auth/load-actor.ts';
import { withTransaction, type DatabaseHandle, type Db } from './database.ts';
import { isMarked, PREPARED_MARK } from './prepared.ts';

describe('the prepared-statement mark', () => {
  it('is found after leading whitespace and nowhere else', () => {
    expect(isMarked(`${PREPARED_MARK} SELECT 1`)).toBe(true);
    expect(isMarked(`\n    ${PREPARED_MARK} WITH hit AS (SELECT 1) SELECT 1`)).toBe(true);
    expect(isMarked(`SELECT 1 ${PREPARED_MARK}`)).toBe(false);
    expect(isMarked('SELECT 1')).toBe(false);
  });
});

describe.each(testEngines())('marked statements run prepared (%s)', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
  });
  afterAll(async () => handle?.close());

  // One transaction holds one connection, whose prepared statements pg_prepared_statements lists.
  const preparedTexts = (db: Db) =>
    withTransaction(db, async (tx) => {
      await loadSessionActor(tx as unknown as Db, null, new Date(), null);
      await sql`SELECT 1 AS unmarked`.execute(tx);
      const { rows } = await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(tx);
      return rows.map((r) => r.statement);
    });

  it('prepares the session-and-actor statement of every request, and nothing unmarked', async () => {
    const texts = await preparedTexts(handle.db);
    expect(texts.some((t) => isMarked(t) && t.includes('core_sessions'))).toBe(true);
    expect(texts.every((t) => isMarked(t))).toBe(true);
  });
});
