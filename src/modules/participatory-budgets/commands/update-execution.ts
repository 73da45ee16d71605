import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import type { ExecutionStatus } from '../participatory-budgets.schema.ts';
import { notifyProposalFollowers } from './notify-followers.ts';

export const EXECUTION_STATUSES: readonly ExecutionStatus[] = ['planned', 'contracting', 'in_progress', 'completed', 'suspended'];
export const NOTE_MAX = 2000;

export interface ExecutionInput {
  status: string;
  progress: string;
  note: string;
}

export interface ExecutionChange {
  status: ExecutionStatus;
  progress: number;
  note: string;
}

const err = (key: string, vars?: Record<string, string | number>) => ({ key: `participatory-budgets.results.execution.errors.${key}`, ...(vars ? { vars } : {}) });

/** Checks the form: a known status, a whole percentage 0–100 (100 when completed), a note of at most 2,000 characters. */
export function parseExecutionInput(input: ExecutionInput): { ok: true; change: ExecutionChange } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const status = input.status.trim();
  if (!(EXECUTION_STATUSES as readonly string[]).includes(status)) errors.status = err('status');
  const progressText = input.progress.trim().replace(/\s*%$/, '');
  const progress = /^\d{1,3}$/.test(progressText) ? Number(progressText) : NaN;
  if (!Number.isInteger(progress) || progress < 0 || progress > 100) errors.progress = err('progress');
  else if (status === 'completed' && progress !== 100) errors.progress = err('completed_progress');
  const note = input.note.trim();
  if (note.length > NOTE_MAX) errors.note = err('note', { max: NOTE_MAX });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, change: { status: status as ExecutionStatus, progress, note } };
}

/**
 * Records the execution status, progress and note of a winning project (authorisation is the
 * caller's `update-execution` on the project's envelope: an official of its alcaldía local). The
 * row is locked so concurrent updates apply one after the other; the audit keeps before and after.
 */
export async function updateExecution(
  tx: Tx,
  input: { actor: Actor; proposalId: string; change: ExecutionChange; requestId?: string },
): Promise<{ ok: true; changed: boolean } | { ok: false; error: 'not_found' }> {
  const before = await tx
    .selectFrom('participatory_budgets_execution')
    .select(['status', 'progress', 'note'])
    .where('proposal_id', '=', input.proposalId)
    .forUpdate()
    .executeTakeFirst();
  if (!before) return { ok: false, error: 'not_found' };
  const { change } = input;
  if (before.status === change.status && before.progress === change.progress && before.note === change.note) return { ok: true, changed: false };
  await tx
    .updateTable('participatory_budgets_execution')
    .set({ status: change.status, progress: change.progress, note: change.note, updated_at: new Date().toISOString(), updated_by: input.actor.userId })
    .where('proposal_id', '=', input.proposalId)
    .execute();
  await recordAudit(tx, {
    actor: input.actor,
    action: 'participatory-budgets.update-execution',
    resourceType: 'participatory-budgets-proposal',
    resourceId: input.proposalId,
    before,
    after: change,
    requestId: input.requestId,
  });
  // Followers hear of a new execution status (not of every progress or note edit).
  if (before.status !== change.status) await notifyProposalFollowers(tx, { proposalIds: [input.proposalId], news: `execution.${change.status}`, exceptUserId: input.actor.userId });
  return { ok: true, changed: true };
}
