import type { Tx } from '../../../core/db/database.ts';

/**
 * The request row, locked until the transaction ends: two officials acting on one request at
 * once (an extension and an answer, two transfers) are applied one after the other, each seeing
 * the other's result.
 */
export function lockRequest(tx: Tx, id: string) {
  return tx.selectFrom('service_requests_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export type LockedRequest = NonNullable<Awaited<ReturnType<typeof lockRequest>>>;

export type CommandResult<E extends string = string> = { ok: true } | { ok: false; error: E };
