import type { Db, Tx } from '../../../core/db/database.ts';
import { withTransaction } from '../../../core/db/database.ts';
import { notify } from '../../../core/notifications/notify.ts';
import { sealConsultation } from './seal-consultation.ts';

/** The accounts of the people who took part, known from the participants (never what they answered). */
export async function participantAccounts(tx: Tx, consultationId: string): Promise<string[]> {
  const people = await tx
    .selectFrom('consultations_participants as p')
    .innerJoin('core_identities as i', 'i.identity_hash', 'p.identity_hash')
    .select('i.user_id')
    .where('p.consultation_id', '=', consultationId)
    .execute();
  return people.map((p) => p.user_id);
}

/** Runs at a consultation's closing time (queued when it is published or its dates change). */
export const CLOSE_JOB = 'consultations.close';

/**
 * At closing: seals a secret consultation (see SECRECY.md) and, once, tells every participant
 * with an account that the results are public. Does nothing if the consultation has not closed
 * yet (its dates moved: another job was queued for the new time) or was already handled.
 */
export async function closeConsultation(db: Db, consultationId: string, now = new Date()): Promise<boolean> {
  return withTransaction(db, async (tx) => {
    const c = await tx
      .selectFrom('consultations_consultations')
      .select(['id', 'title', 'secret', 'closes_at', 'published_at', 'results_notified_at'])
      .where('id', '=', consultationId)
      .forUpdate()
      .executeTakeFirst();
    if (!c || !c.published_at || c.closes_at > now || c.results_notified_at) return false;
    if (c.secret) await sealConsultation(tx, c.id, now);
    await notify(tx, { userIds: await participantAccounts(tx, c.id), key: 'consultations.notifications.results', vars: { title: c.title }, url: `/consultas/${c.id}#resultados`, email: true });
    await tx.updateTable('consultations_consultations').set({ results_notified_at: now.toISOString() }).where('id', '=', c.id).execute();
    return true;
  });
}
