import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { FileStore } from '../../../core/files/file-store.ts';
import { bogotaDay, type Locale } from '../../../core/i18n/i18n.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import type { DocumentType } from '../../../core/verification/identity.ts';
import { linkAttachments, storeFiles, type CheckedFile } from '../attachments.ts';
import { mailReceipt, notifyRequester, type MailContext } from '../notify-requester.ts';
import { followCodeHash, newFollowCode, RADICADO_SQL } from '../radicado.ts';
import type { Channel } from '../service-requests.schema.ts';
import { dueDate } from '../terms.ts';

export type Requester =
  | { kind: 'account'; userId: string }
  | { kind: 'contact'; name: string; email: string | null; phone: string | null; address: string | null; documentType: DocumentType | null; documentHash: string | null }
  | { kind: 'anonymous' };

export interface FilingInput {
  typeCode: string;
  entityCode: string;
  localidadCode: string | null;
  subject: string;
  description: string;
  channel: Channel;
  requester: Requester;
  consent: { policyVersion: string; ipHash: string | null };
  locale: Locale;
  files: CheckedFile[];
  /** Who did it: the citizen, or the desk clerk filing on their behalf (audited). */
  actor: Actor | null;
  /** Set when a desk clerk files on a person's behalf. */
  filedBy: string | null;
  requestId?: string | null;
  now?: Date;
}

export interface Filed {
  id: string;
  radicado: string;
  /** The secret follow code, in clear only here: shown once and e-mailed, stored hashed. */
  code: string;
  dueOn: string;
}

/**
 * Files a request in one transaction: stores the attachments, takes the next radicado number of
 * the Bogotá filing year, computes the due date from the type's term (business days after the
 * filing day), records the timeline and the audit entry, and notifies the requester (receipt
 * with the follow code by e-mail when there is an address).
 */
export async function fileRequest(tx: Tx, services: { files: FileStore; secret: string; mail: MailContext }, input: FilingInput): Promise<Filed> {
  const now = input.now ?? new Date();
  const filedOn = bogotaDay(now);
  const year = Number(filedOn.slice(0, 4));
  const type = await tx
    .selectFrom('service_requests_types as t')
    .innerJoin('core_entities as e', (join) => join.on('e.code', '=', input.entityCode))
    .select(['t.term_days', 't.max_extension_days', 'e.name as entity_name'])
    .where('t.code', '=', input.typeCode)
    .executeTakeFirstOrThrow();
  const uploader = input.requester.kind === 'account' ? input.requester.userId : input.filedBy;
  // Slow work (files on disk) before the counter: its row lock is held until commit.
  const fileIds = (await storeFiles(tx, services.files, input.files, uploader)).map((f) => f.id);
  const id = randomUUID();
  const code = newFollowCode();
  const dueOn = dueDate(filedOn, type.term_days);
  const contact = input.requester.kind === 'contact' ? input.requester : null;
  const at = now.toISOString();
  // One statement takes the year's next number (locking its counter row until commit), inserts
  // the request under it and its first timeline entry: the lock is held for as few round trips
  // as possible, since every filing of the year waits for it.
  const result = await sql<{ radicado: string }>`
    WITH counter AS (
      INSERT INTO service_requests_counters (year, last_value) VALUES (${year}, 1)
      ON CONFLICT (year) DO UPDATE SET last_value = service_requests_counters.last_value + 1
      RETURNING year, last_value
    ), request AS (
      INSERT INTO service_requests_requests (
        id, radicado, year, sequence, type_code, channel, entity_code, localidad_code, subject, description,
        requester_kind, requester_user_id, requester_name, requester_email, requester_phone, requester_address, document_type, document_hash,
        locale, consent_policy_version, consent_at, consent_ip_hash, follow_code_hash, filed_at, filed_on, filed_by,
        term_days, max_extension_days, term_start_on, original_due_on, due_on, updated_at)
      SELECT ${id}, ${sql.raw(RADICADO_SQL)}, counter.year, counter.last_value, ${input.typeCode}, ${input.channel}, ${input.entityCode}, ${input.localidadCode}, ${input.subject}, ${input.description},
        ${input.requester.kind}, ${input.requester.kind === 'account' ? input.requester.userId : null}, ${contact?.name ?? null}, ${contact?.email ?? null}, ${contact?.phone ?? null}, ${contact?.address ?? null}, ${contact?.documentType ?? null}, ${contact?.documentHash ?? null},
        ${input.locale}, ${input.consent.policyVersion}, ${at}, ${input.consent.ipHash}, ${followCodeHash(services.secret, id, code)}, ${at}, ${filedOn}, ${input.filedBy},
        ${type.term_days}, ${type.max_extension_days}, ${filedOn}, ${dueOn}, ${dueOn}, ${at}
      FROM counter
      RETURNING id, radicado
    ), event AS (
      INSERT INTO service_requests_events (request_id, kind, occurred_at, occurred_on, actor_id, to_entity, due_after)
      SELECT request.id, 'filed', ${at}, ${filedOn}, ${input.actor?.userId ?? null}, ${input.entityCode}, ${dueOn} FROM request
    )
    SELECT radicado FROM request`.execute(tx);
  const radicado = result.rows[0]!.radicado;
  await linkAttachments(tx, id, 'filing', fileIds);
  await recordAudit(tx, {
    actor: input.actor,
    action: 'service-requests.file',
    resourceType: 'service-request',
    resourceId: id,
    after: { radicado, type: input.typeCode, entity: input.entityCode, channel: input.channel, requester: input.requester.kind, files: fileIds.length, dueOn, filedBy: input.filedBy },
    requestId: input.requestId ?? null,
  });

  // The receipt with the code goes to an address the person controls; the in-app note has no code.
  let receiptTo: string | null = contact?.email ?? null;
  let receiptLocale: Locale = input.locale;
  if (input.requester.kind === 'account') {
    const user = await tx.selectFrom('core_users').select(['email', 'locale', 'email_confirmed_at']).where('id', '=', input.requester.userId).executeTakeFirst();
    receiptTo = user?.email_confirmed_at ? user.email : null;
    receiptLocale = user?.locale ?? input.locale;
    const ref = { radicado, requester_kind: 'account' as const, requester_user_id: input.requester.userId, requester_email: null, locale: input.locale };
    await notifyRequester(tx, services.mail, ref, 'service-requests.notifications.filed', { entity: type.entity_name }, { accountEmail: false });
  }
  if (receiptTo) await mailReceipt(tx, services.mail, { to: receiptTo, locale: receiptLocale, radicado, code, dueOn, typeLabelKey: `service-requests.types.${input.typeCode}`, entityName: type.entity_name });
  return { id, radicado, code, dueOn };
}
