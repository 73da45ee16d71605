import { randomInt } from 'node:crypto';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import { bogotaDay } from '../../../core/i18n/i18n.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import type { AnswerRow } from '../answers.ts';
import type { PreparedPaperResponse } from '../paper.ts';
import type { QuestionDef } from '../questionnaire.ts';
import { responseKey } from '../response-key.ts';
import { insertAnswers } from './submit-response.ts';

/** Someone took part between the preview and the confirmation: nothing was imported. */
export class PaperConflictError extends Error {
  constructor() {
    super('a document of the file took part meanwhile');
    this.name = 'PaperConflictError';
  }
}

/** Fisher–Yates with a cryptographic generator. */
function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

const CHUNK = 500;

/**
 * Imports reconciled paper responses, all or nothing, in the caller's transaction. Participants
 * are written sorted by identity hash and responses in a random order, so the position of a row
 * in one table says nothing about the other (the file's order is the official's, not ours to keep).
 * If any document took part meanwhile, PaperConflictError rolls everything back.
 */
export async function importPaperResponses(
  tx: Tx,
  input: {
    /** The official; null for the demo seed. */
    actor: Actor | null;
    consultation: { id: string; secret: boolean };
    questions: readonly QuestionDef[];
    responses: readonly PreparedPaperResponse[];
    serverSecret: string;
    fileSha256: string;
    requestId?: string;
    now?: Date;
  },
): Promise<number> {
  const now = input.now ?? new Date();
  const { consultation } = input;
  const day = bogotaDay(now);
  const byHash = [...input.responses].sort((a, b) => (a.identityHash < b.identityHash ? -1 : 1));
  for (let i = 0; i < byHash.length; i += CHUNK) {
    const chunk = byHash.slice(i, i + CHUNK);
    const inserted = await tx
      .insertInto('consultations_participants')
      .values(chunk.map((r) => ({ consultation_id: consultation.id, identity_hash: r.identityHash, channel: 'paper' as const, participated_on: day })))
      .onConflict((oc) => oc.columns(['consultation_id', 'identity_hash']).doNothing())
      .returning('identity_hash')
      .execute();
    if (inserted.length !== chunk.length) throw new PaperConflictError();
  }
  const order = shuffled(input.responses);
  for (let i = 0; i < order.length; i += CHUNK) {
    const chunk = order.slice(i, i + CHUNK);
    const keys = chunk.map((r) => responseKey(input.serverSecret, consultation.id, r.identityHash));
    const rows = await tx
      .insertInto('consultations_responses')
      .values(
        chunk.map((r, index) => ({
          consultation_id: consultation.id,
          secret: consultation.secret,
          response_key: keys[index]!,
          user_id: consultation.secret ? null : r.userId,
          submitted_at: consultation.secret ? null : now.toISOString(),
          age_band: r.categories.ageBand,
          localidad_code: r.categories.localidadCode,
          gender: r.categories.gender,
        })),
      )
      .returning(['id', 'response_key'])
      .execute();
    const idOf = new Map(rows.map((r) => [r.response_key, r.id]));
    for (const [index, r] of chunk.entries()) {
      const answers: AnswerRow[] = r.rows;
      await insertAnswers(tx, idOf.get(keys[index]!)!, input.questions, answers);
    }
  }
  await recordAudit(tx, {
    actor: input.actor,
    action: 'consultations.import-paper',
    resourceType: 'consultations.consultation',
    resourceId: consultation.id,
    after: { responses: input.responses.length, file_sha256: input.fileSha256 },
    requestId: input.requestId,
  });
  return input.responses.length;
}
