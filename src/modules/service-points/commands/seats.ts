import { sql } from 'kysely';
import type { Tx } from '../../../core/db/database.ts';

export interface SlotKey {
  centreId: string;
  serviceId: string;
  startsAt: Date;
}

/** Creates the slot row on its first booking, with the offering's current capacity. */
export async function ensureSlot(tx: Tx, key: SlotKey, endsAt: Date, capacity: number): Promise<void> {
  await tx
    .insertInto('service_points_slots')
    .values({ centre_id: key.centreId, service_id: key.serviceId, starts_at: key.startsAt.toISOString(), ends_at: endsAt.toISOString(), capacity, booked: 0 })
    .onConflict((oc) => oc.columns(['centre_id', 'service_id', 'starts_at']).doNothing())
    .execute();
}

const whereSlot = (key: SlotKey) => sql<boolean>`centre_id = ${key.centreId} AND service_id = ${key.serviceId} AND starts_at = ${key.startsAt.toISOString()}`;

/**
 * Takes one seat if one is left. Concurrent updates of the row wait for each other, and the
 * `booked < capacity` condition is re-checked on the row each one finally sees: of N requests for
 * the last seat exactly one gets a row back. The CHECK (booked <= capacity) backs this up.
 */
export async function claimSeat(tx: Tx, key: SlotKey): Promise<boolean> {
  const row = await tx
    .updateTable('service_points_slots')
    .set({ booked: sql`booked + 1` })
    .where(whereSlot(key))
    .where(sql<boolean>`booked < capacity`)
    .returning('booked')
    .executeTakeFirst();
  return row !== undefined;
}

/** Gives a seat back (a cancelled or moved turn). */
export async function releaseSeat(tx: Tx, key: SlotKey): Promise<void> {
  await tx
    .updateTable('service_points_slots')
    .set({ booked: sql`booked - 1` })
    .where(whereSlot(key))
    .where('booked', '>', 0)
    .execute();
}

/**
 * Locks slot rows in one fixed order (by start time), so two people swapping turns between the
 * same two slots cannot deadlock each other.
 */
export async function lockSlots(tx: Tx, keys: SlotKey[]): Promise<void> {
  const sorted = [...keys].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  for (const key of sorted) await tx.selectFrom('service_points_slots').select('booked').where(whereSlot(key)).forUpdate().execute();
}
