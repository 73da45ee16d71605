import type { Tx } from '../../core/db/database.ts';
import { MIX_JOB_EVERY_MS, scheduleBallotMixing } from './commands/mix-ballots.ts';
import { INVESTMENT_LINES, PLAN_GOALS, SPENDING_CONCEPTS, TOPICS } from './reference.data.ts';

/** Investment lines, spending concepts, topics and plan goals (idempotent upserts). */
export async function seedBudgetReferenceData(tx: Tx): Promise<void> {
  for (const [position, l] of INVESTMENT_LINES.entries()) {
    const row = { code: l.code, name: l.name, position };
    await tx.insertInto('participatory_budgets_investment_lines').values(row).onConflict((oc) => oc.column('code').doUpdateSet(row)).execute();
  }
  for (const [position, c] of SPENDING_CONCEPTS.entries()) {
    const row = { code: c.code, line_code: c.line, name: c.name, position };
    await tx.insertInto('participatory_budgets_spending_concepts').values(row).onConflict((oc) => oc.column('code').doUpdateSet(row)).execute();
  }
  for (const [position, t] of TOPICS.entries()) {
    const row = { code: t.code, name: t.name, position };
    await tx.insertInto('participatory_budgets_topics').values(row).onConflict((oc) => oc.column('code').doUpdateSet(row)).execute();
  }
  for (const [position, g] of PLAN_GOALS.entries()) {
    const row = { code: g.code, topic_code: g.topic, concept_code: g.concept, name: g.name, position };
    await tx.insertInto('participatory_budgets_plan_goals').values(row).onConflict((oc) => oc.column('code').doUpdateSet(row)).execute();
  }
  // The ballot-mixing job keeps itself scheduled once started; this starts it (at most one waits).
  await scheduleBallotMixing(tx, new Date(Date.now() + MIX_JOB_EVERY_MS));
}
