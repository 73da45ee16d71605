import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { FileStore } from '../../../core/files/file-store.ts';
import { bogotaDay, type Locale } from '../../../core/i18n/i18n.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import type { DocumentType } from '../../../core/verification/identity.ts';
import { linkAttachments, storeFiles, type CheckedFile } from '../attachments.ts';
import { mailReceipt, notifyRequester, type MailContext } from '../notify-requester.ts';
import { followCodeHash, newFollowCode, takeRadicado } from '../radicado.ts';
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
  const type = await tx.selectFrom('service_requests_types').select(['term_days', 'max_extension_days']).where('code', '=', input.typeCode).executeTakeFirstOrThrow();
  const entity = await tx.selectFrom('core_entities').select('name').where('code', '=', input.entityCode).executeTakeFirstOrThrow();
  const uploader = input.requester.kind === 'account' ? input.requester.userId : input.filedBy;
  // Slow work (files on disk) before the counter: its row lock is held until commit.
  const fileIds = await storeFiles(tx, services.files, input.files, uploader);
  const { sequence, radicado } = await takeRadicado(tx, year);
  const code = newFollowCode();
  const dueOn = dueDate(filedOn, type.term_days);
  const contact = input.requester.kind === 'contact' ? input.requester : null;
  const row = await tx
    .insertInto('service_requests_requests')
    .values({
      radicado,
      year,
      sequence,
      type_code: input.typeCode,
      channel: input.channel,
      entity_code: input.entityCode,
      localidad_code: input.localidadCode,
      subject: input.subject,
      description: input.description,
      requester_kind: input.requester.kind,
      requester_user_id: input.requester.kind === 'account' ? input.requester.userId : null,
      requester_name: contact?.name ?? null,
      requester_email: contact?.email ?? null,
      requester_phone: contact?.phone ?? null,
      requester_address: contact?.address ?? null,
      document_type: contact?.documentType ?? null,
      document_hash: contact?.documentHash ?? null,
      locale: input.locale,
      consent_policy_version: input.consent.policyVersion,
      consent_at: now.toISOString(),
      consent_ip_hash: input.consent.ipHash,
      follow_code_hash: followCodeHash(services.secret, radicado, code),
      filed_at: now.toISOString(),
      filed_on: filedOn,
      filed_by: input.filedBy,
      term_days: type.term_days,
      max_extension_days: type.max_extension_days,
      term_start_on: filedOn,
      original_due_on: dueOn,
      due_on: dueOn,
      updated_at: now.toISOString(),
    })
    .returning(['id', 'requester_kind', 'requester_user_id', 'requester_email', 'locale', 'radicado'])
    .executeTakeFirstOrThrow();
  await linkAttachments(tx, row.id, 'filing', fileIds);
  await tx
    .insertInto('service_requests_events')
    .values({ request_id: row.id, kind: 'filed', occurred_at: now.toISOString(), occurred_on: filedOn, actor_id: input.actor?.userId ?? null, to_entity: input.entityCode, due_after: dueOn })
    .execute();
  await recordAudit(tx, {
    actor: input.actor,
    action: 'service-requests.file',
    resourceType: 'service-request',
    resourceId: row.id,
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
    await notifyRequester(tx, services.mail, row, 'service-requests.notifications.filed', { entity: entity.name }, { accountEmail: false });
  }
  if (receiptTo) await mailReceipt(tx, services.mail, { to: receiptTo, locale: receiptLocale, radicado, code, dueOn, typeLabelKey: `service-requests.types.${input.typeCode}`, entityName: entity.name });
  return { id: row.id, radicado, code, dueOn };
}
