import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../test/database.ts';
import { withTransaction } from '../../core/db/database.ts';
import { fileRequest } from './commands/file-request.ts';
import { formatRadicado, normalizeFollowCode, normalizeRadicado, newFollowCode } from './radicado.ts';
import { startHarness, type Harness } from './service-requests.test-support.ts';

describe('radicado numbers and follow codes', () => {
  it('formats and normalises what people type', () => {
    expect(formatRadicado(2026, 123)).toBe('2026-000123');
    expect(formatRadicado(2026, 1234567)).toBe('2026-1234567');
    expect(normalizeRadicado(' 2026-123 ')).toBe('2026-000123');
    expect(normalizeRadicado('2026/123')).toBeNull();
    const code = newFollowCode();
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(normalizeFollowCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(normalizeFollowCode('ABCD-EFGH-IJKL')).toBeNull(); // I is not in the alphabet
  });
});

class Rollback extends Error {}

describe.each(testEngines())('radicado numbers under concurrency (%s)', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(async () => h?.t.close());

  /** A year no other test or demo filing uses, so the counter starts at zero. */
  const year = engine === 'pglite' ? 2031 : 2032;
  const at = (second: number) => new Date(Date.parse(`${year}-03-03T15:00:00Z`) + second * 1000);

  async function numbersOf(y: number) {
    return (await h.t.database.db.selectFrom('service_requests_requests').select(['sequence', 'radicado']).where('year', '=', y).orderBy('sequence').execute()).map((r) => r.sequence);
  }

  it('gives 100 concurrent filings unique numbers without gaps, even when some roll back', async () => {
    const { db } = h.t.database;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        withTransaction(db, async (tx) => {
          const filed = await fileRequest(tx, { files: h.t.app.gab.files, secret: h.t.config.secret, mail: h.mail }, {
            typeCode: i % 3 === 0 ? 'consulta' : 'queja',
            entityCode: i % 2 === 0 ? 'sdm' : 'idu',
            localidadCode: null,
            subject: `Solicitud concurrente ${i}`,
            description: 'Una de cien solicitudes radicadas a la vez.',
            channel: 'web',
            requester: { kind: 'anonymous' },
            consent: { policyVersion: 'test', ipHash: null },
            locale: 'es',
            files: [],
            actor: null,
            filedBy: null,
            now: at(i),
          });
          // Every seventh filing fails after taking its number: the number must be released.
          if (i % 7 === 3) throw new Rollback(filed.radicado);
          return filed;
        }),
      ),
    );
    const committed = outcomes.filter((o) => o.status === 'fulfilled').map((o) => (o as PromiseFulfilledResult<{ radicado: string }>).value.radicado);
    const rolledBack = outcomes.filter((o) => o.status === 'rejected');
    expect(rolledBack).toHaveLength(14);
    for (const failure of rolledBack) expect((failure as PromiseRejectedResult).reason).toBeInstanceOf(Rollback);
    expect(committed).toHaveLength(86);
    expect(new Set(committed).size).toBe(86);
    const numbers = await numbersOf(year);
    expect(numbers).toEqual(Array.from({ length: 86 }, (_, i) => i + 1));
    const counter = await db.selectFrom('service_requests_counters').select('last_value').where('year', '=', year).executeTakeFirstOrThrow();
    expect(counter.last_value).toBe(86);
    expect([...committed].sort()).toEqual(numbers.map((n) => formatRadicado(year, n)));
  });

  it('starts each year at 1 (the Bogotá filing day decides the year)', async () => {
    // 05:00 UTC on 1 January is still 31 December in Bogotá.
    const late = await h.fileDirect({ now: new Date(`${year + 1}-01-01T04:59:00Z`) });
    expect(late.radicado.startsWith(`${year}-`)).toBe(true);
    const early = await h.fileDirect({ now: new Date(`${year + 1}-01-01T05:00:00Z`) });
    expect(early.radicado).toBe(formatRadicado(year + 1, 1));
  });
});
