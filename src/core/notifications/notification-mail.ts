import type { Config } from '../config/config.ts';
import type { Db } from '../db/database.ts';
import { createTranslator, type Catalog } from '../i18n/i18n.ts';
import type { FileStore } from '../files/file-store.ts';
import type { Mailer } from '../mail/mailer.ts';
import { storedAttachments } from '../mail/stored-attachments.ts';
import type { NotificationMailPayload } from './notify.ts';

/**
 * Job handler: e-mails notifications, each in its reader's language. People whose account was
 * deleted, disabled or never confirmed its address get none (the in-app copy stays).
 */
export const notificationMailHandler = (db: Db, mailer: Mailer, config: Pick<Config, 'baseUrl'>, catalog: Catalog, files: Pick<FileStore, 'pathOf'>) => async (payload: NotificationMailPayload) => {
  if (!Array.isArray(payload.ids) || payload.ids.length === 0) return;
  const rows = await db
    .selectFrom('core_notifications as n')
    .innerJoin('core_users as u', 'u.id', 'n.user_id')
    .select(['n.message_key', 'n.vars', 'n.url', 'u.email', 'u.locale'])
    .where('n.id', 'in', payload.ids)
    .where('u.deleted_at', 'is', null)
    .where('u.disabled_at', 'is', null)
    .where('u.email_confirmed_at', 'is not', null)
    .execute();
  for (const row of rows) {
    const t = createTranslator(catalog, row.locale);
    const message = t(row.message_key, row.vars);
    const note = payload.note ? `${t(payload.note)}\n\n` : '';
    const attachments = storedAttachments(files, payload.attachments);
    await mailer.send({
      to: row.email,
      subject: message,
      text: `${message}\n\n${note}${config.baseUrl}${row.url}\n\n${t('notifications.mail_footer', { url: `${config.baseUrl}/mi-cuenta/notificaciones` })}\n`,
      ...(attachments ? { attachments } : {}),
    });
  }
};
