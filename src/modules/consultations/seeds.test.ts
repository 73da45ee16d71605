import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { withTransaction } from '../../core/db/database.ts';
import { servicesFor } from '../../core/setup.ts';
import { DEMO_IDS, seedConsultationsDemo } from './consultations.seeds.ts';
import { buildConsultationsApp } from './consultations.test-support.ts';
import { findConsultation, loadQuestionnaire } from './consultations.queries.ts';
import { computeResults } from './results.queries.ts';

describe.each(testEngines())('demo content (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildConsultationsApp(engine);
    const services = servicesFor(t.config, t.database, () => undefined);
    // Twice: the second run must change nothing.
    for (let i = 0; i < 2; i++) await withTransaction(t.database.db, (tx) => seedConsultationsDemo(tx, services));
  });
  afterAll(async () => t?.close());

  it('has an open, an upcoming and two closed consultations, once', async () => {
    const states = await Promise.all(Object.values(DEMO_IDS).map(async (id) => (await findConsultation(t.database.db, id))!.state));
    expect(states).toEqual(['open', 'closed', 'closed', 'upcoming']);
    const demoUsers = await t.database.db.selectFrom('core_users').select(['password_hash']).where('email', 'like', 'demo.consultas.%').execute();
    expect(demoUsers.length).toBe(190);
    // Nobody can sign in as a demo respondent.
    expect(demoUsers.every((u) => u.password_hash === null)).toBe(true);
    const documents = await t.database.db.selectFrom('consultations_documents').select('id').where('consultation_id', '=', DEMO_IDS.open).execute();
    expect(documents).toHaveLength(1);
  });

  it('gives the closed consultations results with real breakdowns under the minimum group size', async () => {
    const closed = (await findConsultation(t.database.db, DEMO_IDS.closed))!;
    expect(closed.sealed_at).not.toBeNull();
    const questions = await loadQuestionnaire(t.database.db, closed.id);
    for (const dimension of ['age_band', 'localidad', 'gender'] as const) {
      const groups = (await computeResults(t.database.db, closed, questions, dimension)).questions[0]!.breakdown!;
      expect(groups.filter((g) => g.group.count !== null).length, dimension).toBeGreaterThanOrEqual(2);
      expect(groups.every((g) => g.group.count === null || g.group.count >= 10), dimension).toBe(true);
    }
    const page = await t.app.inject({ method: 'GET', url: `/consultas/${DEMO_IDS.public}?desglose=ethnic_group` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<figure class="chart"');
  });
});
