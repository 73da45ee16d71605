import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../../test/database.ts';
import type { DatabaseHandle } from '../../core/db/database.ts';
import { findEditionBySlug, listEnvelopes } from './editions.queries.ts';
import { countingRuleFromPabulib, envelopeToPb, importPabulib, PabulibImportError, parsePabulibDate, slugFromFileName } from './pabulib-edition.ts';
import { parsePabulib, writePabulib, type PbElection } from './tally/pabulib.ts';

/** The Pabulib samples live outside the repository (../shared/pb-samples); the round trip skips without them. */
const SAMPLES_DIR = fileURLToPath(new URL('../../../../shared/pb-samples/', import.meta.url));
const HAS_SAMPLES = existsSync(SAMPLES_DIR);
const SAMPLES = HAS_SAMPLES ? readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.pb')).sort() : [];
if (!HAS_SAMPLES) console.warn(`Pabulib samples not found at ${SAMPLES_DIR}; the import/export round trip is skipped`);

/** What "the same election" means: META, projects in order (id, exact cost, columns) and ballots by voter. */
function comparable(pb: PbElection) {
  return {
    meta: pb.meta,
    projects: pb.projects.map((p) => ({ id: p.id, cost: p.cost.toString(), fields: p.fields })),
    votes: [...pb.votes].sort((a, b) => (a.voterId < b.voterId ? -1 : a.voterId > b.voterId ? 1 : 0)).map((v) => ({ voterId: v.voterId, vote: v.vote, points: v.points, fields: v.fields })),
  };
}

describe('Pabulib names and dates', () => {
  it('maps META rules to counting rules, and anything unknown to greedy', () => {
    expect(countingRuleFromPabulib('greedy')).toBe('greedy');
    expect(countingRuleFromPabulib('greedy-no-skip')).toBe('greedy');
    expect(countingRuleFromPabulib('equalshares')).toBe('mes-cost-u');
    expect(countingRuleFromPabulib('equalshares/add1')).toBe('mes-cost-add1u-noexh');
    expect(countingRuleFromPabulib('unknown')).toBe('greedy');
    expect(countingRuleFromPabulib(undefined)).toBe('greedy');
  });

  it('makes edition slugs from file names and reads the date formats of real files', () => {
    expect(slugFromFileName('/x/poland_warszawa_2017_plac-wojska-polskiego.pb')).toBe('poland-warszawa-2017-plac-wojska-polskiego');
    expect(slugFromFileName('Łódź 2022.pb')).toBe('odz-2022');
    expect(parsePabulibDate('3.10.2019')?.toISOString()).toBe('2019-10-03T05:00:00.000Z');
    expect(parsePabulibDate('2023-04-21')?.toISOString()).toBe('2023-04-21T05:00:00.000Z');
    expect(parsePabulibDate('2022')?.toISOString()).toBe('2022-01-01T05:00:00.000Z');
    expect(parsePabulibDate('31.02.2020')).toBeNull();
    expect(parsePabulibDate('soon')).toBeNull();
  });
});

describe.each(testEngines())('Pabulib import and export (%s)', (engine) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => database?.close());

  it.skipIf(!HAS_SAMPLES).each(SAMPLES)('gives back the same election after parse → import → export → parse: %s', async (file) => {
    const original = parsePabulib(readFileSync(`${SAMPLES_DIR}${file}`, 'utf8'));
    const slug = slugFromFileName(file);
    const summary = await importPabulib(database.db, original, { slug, fileName: file });
    expect(summary.projects).toBe(original.projects.length);
    expect(summary.ballots).toBe(original.votes.length);

    const edition = (await findEditionBySlug(database.db, slug))!;
    expect(edition.phase).toBe('results');
    const [envelope] = await listEnvelopes(database.db, edition.id);
    const exported = await envelopeToPb(database.db, edition, envelope!, null);
    const reparsed = parsePabulib(writePabulib(exported!));
    expect(comparable(reparsed)).toEqual(comparable(original));

    const proposals = await database.db.selectFrom('participatory_budgets_proposals').select('status').where('edition_id', '=', edition.id).execute();
    expect(proposals.every((p) => p.status === 'selected' || p.status === 'not_selected')).toBe(true);
    const ballots = await database.db.selectFrom('participatory_budgets_ballots').select(['source', 'ballot_key']).where('envelope_id', '=', envelope!.id).execute();
    expect(ballots.every((b) => b.source === 'imported' && b.ballot_key === null)).toBe(true);
  });

  it('refuses a slug that is taken and a file without budget, leaving nothing behind', async () => {
    const pb = parsePabulib('META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost;name\n1;60;Parque del barrio\nVOTES\nvoter_id;vote\n1;1\n');
    await importPabulib(database.db, pb, { slug: 'pabulib-prueba-repetida', fileName: 'x.pb' });
    await expect(importPabulib(database.db, pb, { slug: 'pabulib-prueba-repetida', fileName: 'x.pb' })).rejects.toBeInstanceOf(PabulibImportError);
    const noBudget = parsePabulib('META\nkey;value\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;60\nVOTES\nvoter_id;vote\n1;1\n');
    await expect(importPabulib(database.db, noBudget, { slug: 'pabulib-sin-presupuesto', fileName: 'y.pb' })).rejects.toThrow(/budget/);
    expect(await findEditionBySlug(database.db, 'pabulib-sin-presupuesto')).toBeNull();
  });
});
