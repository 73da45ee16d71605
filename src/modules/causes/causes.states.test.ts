import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { withTransaction } from '../../core/db/database.ts';
import { bogotaDay } from '../../core/i18n/i18n.ts';
import { createPerson } from '../admin/test-people.ts';
import { answerDueDate } from './answer-due-date.ts';
import { causesExport } from './causes.open-data.ts';
import { findCause, listCauses } from './causes.queries.ts';
import { readCausesSettings } from './causes.settings.ts';
import causes from './causes.manifest.ts';
import { actorFor, buildCausesTestApp, makeCause } from './causes.test-support.ts';
import { publishCause, withdrawCause } from './commands/author-actions.ts';
import { EXPIRE_JOB, expireDueCauses } from './commands/expire-causes.ts';
import { acknowledgeCause, answerCause } from './commands/respond.ts';
import { supportCause } from './commands/support-cause.ts';
import { changeState, InvalidTransitionError, lockCause } from './commands/transition.ts';
import { canTransition, effectiveState, isOverdue } from './states.ts';

const DAY = 86_400_000;

describe('the state machine, without a database', () => {
  it('has only the documented transitions', () => {
    expect(canTransition('draft', 'published')).toBe(true);
    expect(canTransition('published', 'threshold_reached')).toBe(true);
    expect(canTransition('threshold_reached', 'in_response')).toBe(true);
    expect(canTransition('in_response', 'answered')).toBe(true);
    expect(canTransition('published', 'expired')).toBe(true);
    expect(canTransition('draft', 'answered')).toBe(false);
    expect(canTransition('expired', 'published')).toBe(false);
    expect(canTransition('answered', 'in_response')).toBe(false);
    expect(canTransition('threshold_reached', 'withdrawn')).toBe(false);
    expect(canTransition('hidden', 'draft')).toBe(false);
  });

  it('computes expiry and overdue answers on read', () => {
    const now = new Date('2026-05-10T12:00:00-05:00');
    expect(effectiveState({ state: 'published', deadline_at: new Date(now.getTime() - 1) }, now)).toBe('expired');
    expect(effectiveState({ state: 'published', deadline_at: new Date(now.getTime() + 1) }, now)).toBe('published');
    expect(effectiveState({ state: 'threshold_reached', deadline_at: new Date(now.getTime() - 1) }, now)).toBe('threshold_reached');
    expect(isOverdue({ state: 'threshold_reached', answer_due_on: '2026-05-09' }, now)).toBe(true);
    expect(isOverdue({ state: 'in_response', answer_due_on: '2026-05-10' }, now)).toBe(false);
    expect(isOverdue({ state: 'answered', answer_due_on: '2026-05-01' }, now)).toBe(false);
  });
});

describe.each(testEngines())('cause states over time (%s)', (engine) => {
  let t: TestApp;
  const db = () => t.database.db;
  let author: string;
  const people: string[] = [];
  const support = (causeId: string, userId: string, now?: Date) => withTransaction(db(), (tx) => supportCause(tx, { causeId, actor: actorFor(userId), defaultEntity: 'idpac', now }));
  const stored = (causeId: string) => db().selectFrom('causes_causes').selectAll().where('id', '=', causeId).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await buildCausesTestApp(engine);
    author = (await createPerson(db(), { name: 'Autora Estados', level: 'identity' })).id;
    for (let i = 0; i < 4; i++) people.push((await createPerson(db(), { name: `Persona ${i}`, level: 'identity' })).id);
  });
  afterAll(async () => t?.close());

  it('reaches the threshold with the support that meets it, and owes an answer within the term', async () => {
    const id = await makeCause(db(), author, { settings: { support_threshold: 2, answer_term_business_days: 15 } });
    expect((await support(id, people[0]!)).ok).toBe(true);
    expect((await stored(id)).state).toBe('published');
    const now = new Date();
    const result = await support(id, people[1]!, now);
    expect(result).toEqual({ ok: true, supports: 2, thresholdReached: true });
    const cause = await stored(id);
    expect(cause.state).toBe('threshold_reached');
    expect(cause.answer_due_on).toBe(answerDueDate(now, 15));
    expect(cause.target_entity_code).toBe('idu');
    // Supports go on until the deadline; the threshold is not reached twice.
    expect(await support(id, people[2]!)).toEqual({ ok: true, supports: 3, thresholdReached: false });
  });

  it('assigns the default entity (module setting) to a cause without one, falling back to IDPAC', async () => {
    await db().insertInto('core_settings').values({ key: 'module.causes.default_answer_entity', value: JSON.stringify('sdg') }).execute();
    const settings = await readCausesSettings(db());
    expect(settings.default_answer_entity).toBe('sdg');
    const id = await makeCause(db(), author, { settings: { support_threshold: 1 }, fields: { target_entity_code: null } });
    await withTransaction(db(), (tx) => supportCause(tx, { causeId: id, actor: actorFor(people[0]!), defaultEntity: settings.default_answer_entity }));
    expect((await stored(id)).target_entity_code).toBe('sdg');
    const other = await makeCause(db(), author, { settings: { support_threshold: 1 }, fields: { target_entity_code: null } });
    await withTransaction(db(), (tx) => supportCause(tx, { causeId: other, actor: actorFor(people[0]!), defaultEntity: 'no-existe' }));
    expect((await stored(other)).target_entity_code).toBe('idpac');
    await db().deleteFrom('core_settings').where('key', '=', 'module.causes.default_answer_entity').execute();
  });

  it('expires on read at the deadline, and the job persists it once', async () => {
    const id = await makeCause(db(), author, { settings: { support_threshold: 10 } });
    await support(id, people[0]!);
    const reached = await makeCause(db(), author, { settings: { support_threshold: 1 } });
    await support(reached, people[0]!);
    const past = new Date(Date.now() - 40 * DAY).toISOString();
    const deadline = new Date(Date.now() - 60_000);
    for (const causeId of [id, reached]) await db().updateTable('causes_causes').set({ published_at: past, deadline_at: deadline.toISOString() }).where('id', '=', causeId).execute();

    expect((await findCause(db(), id))!.state).toBe('expired');
    expect((await stored(id)).state).toBe('published');
    expect((await listCauses(db(), { state: 'expired' })).rows.map((r) => r.id)).toContain(id);
    expect((await listCauses(db(), { state: 'published' })).rows.map((r) => r.id)).not.toContain(id);

    const expired = await expireDueCauses(db());
    expect(expired).toContain(id);
    expect(expired).not.toContain(reached);
    const cause = await stored(id);
    expect(cause.state).toBe('expired');
    expect(cause.closed_at!.getTime()).toBe(deadline.getTime());
    expect((await stored(reached)).state).toBe('threshold_reached');
    expect(await expireDueCauses(db())).not.toContain(id);
    const events = await db().selectFrom('causes_events').select('to_state').where('cause_id', '=', id).where('to_state', '=', 'expired').execute();
    expect(events).toHaveLength(1);
    const refused = await support(id, people[1]!);
    expect(refused).toEqual({ ok: false, reason: 'phase_closed' });
  });

  it('runs as a periodic job: expires what is due and queues its next run', async () => {
    const id = await makeCause(db(), author);
    await db().updateTable('causes_causes').set({ published_at: new Date(Date.now() - 40 * DAY).toISOString(), deadline_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', id).execute();
    await db().deleteFrom('core_jobs').where('name', '=', EXPIRE_JOB).execute();
    await causes.jobs![EXPIRE_JOB]!({}, t.app.gab);
    expect((await stored(id)).state).toBe('expired');
    const queued = await db().selectFrom('core_jobs').select(['run_at', 'status']).where('name', '=', EXPIRE_JOB).execute();
    expect(queued).toHaveLength(1);
    expect(queued[0]!.status).toBe('queued');
    expect(queued[0]!.run_at.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
  });

  it('goes to in_response when acknowledged and to answered with the official answer', async () => {
    const id = await makeCause(db(), author, { settings: { support_threshold: 1 } });
    expect(await withTransaction(db(), (tx) => acknowledgeCause(tx, { causeId: id, actor: actorFor(people[3]!) }))).toEqual({ ok: false, reason: 'phase_closed' });
    await support(id, people[0]!);
    expect(await withTransaction(db(), (tx) => acknowledgeCause(tx, { causeId: id, actor: actorFor(people[3]!) }))).toEqual({ ok: true });
    expect((await stored(id)).state).toBe('in_response');
    const answered = await withTransaction(db(), (tx) => answerCause(tx, { causeId: id, actor: actorFor(people[3]!), body: 'La entidad atenderá la causa en el próximo trimestre.', fileIds: [] }));
    expect(answered).toEqual({ ok: true });
    const cause = await stored(id);
    expect(cause.state).toBe('answered');
    expect(cause.answered_at).not.toBeNull();
    expect(await withTransaction(db(), (tx) => answerCause(tx, { causeId: id, actor: actorFor(people[3]!), body: 'Una segunda respuesta que no debe quedar.', fileIds: [] }))).toEqual({ ok: false, reason: 'already_done' });
    const states = await db().selectFrom('causes_events').select('to_state').where('cause_id', '=', id).where('kind', '=', 'state').orderBy('id').execute();
    expect(states.map((s) => s.to_state)).toEqual(['published', 'threshold_reached', 'in_response', 'answered']);
  });

  it('shows an overdue answer publicly, and keeps a late answer marked as late', async () => {
    const id = await makeCause(db(), author, { settings: { support_threshold: 1 } });
    const reachedAt = new Date(Date.now() - 40 * DAY);
    await support(id, people[0]!, reachedAt);
    const due = answerDueDate(reachedAt, 15);
    expect((await stored(id)).answer_due_on).toBe(due);
    expect(due < bogotaDay()).toBe(true);
    expect((await findCause(db(), id))!.overdue).toBe(true);
    expect((await listCauses(db(), { overdue: true })).rows.map((r) => r.id)).toContain(id);
    const page = await t.app.inject({ url: `/causas/${id}` });
    expect(page.body).toContain('Respuesta vencida');

    await withTransaction(db(), (tx) => answerCause(tx, { causeId: id, actor: actorFor(people[3]!), body: 'Respuesta tardía de la entidad a la causa.', fileIds: [] }));
    expect((await findCause(db(), id))!.overdue).toBe(false);
    expect((await listCauses(db(), { overdue: true })).rows.map((r) => r.id)).not.toContain(id);
    expect((await t.app.inject({ url: `/causas/${id}` })).body).toContain('Respondida fuera de término');
    const row = (await causesExport.query(db())).find((r) => r.id === id)!;
    expect(causesExport.serialize(row)).toMatchObject({ estado: 'answered', vencida: true, entidad: 'idu' });
  });

  it('refuses moves the machine does not have', async () => {
    const id = await makeCause(db(), author, { settings: { support_threshold: 1 } });
    await support(id, people[0]!);
    expect(await withTransaction(db(), (tx) => withdrawCause(tx, { causeId: id, actor: actorFor(author) }))).toEqual({ ok: false, reason: 'phase_closed' });
    const settings = await readCausesSettings(db());
    expect(await withTransaction(db(), (tx) => publishCause(tx, { causeId: id, actor: actorFor(author), settings }))).toEqual({ ok: false, reason: 'phase_closed' });
    await expect(
      withTransaction(db(), async (tx) => {
        const cause = (await lockCause(tx, id))!;
        await changeState(tx, cause, 'published', { actor: null });
      }),
    ).rejects.toBeInstanceOf(InvalidTransitionError);
    expect((await stored(id)).state).toBe('threshold_reached');
  });

  it('publishes open data without personal data', async () => {
    const rows = await causesExport.query(db());
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const record = causesExport.serialize(row);
      expect(Object.keys(record).sort()).toEqual(['apoyos', 'cierre_apoyos', 'entidad', 'estado', 'id', 'localidad', 'publicada', 'respondida', 'respuesta_debida', 'tema', 'titulo', 'umbral', 'umbral_alcanzado', 'vencida'].sort());
    }
    const stats = await causes.stats!(db());
    expect(stats.map((s) => s.key)).toEqual(['causes', 'supports', 'answered']);
    expect(stats.every((s) => Number.isFinite(s.value))).toBe(true);
  });
});
