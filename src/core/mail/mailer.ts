import nodemailer from 'nodemailer';
import type { Config } from '../config/config.ts';

/** A file carried by a message: its bytes, or a path nodemailer reads while it writes the message. */
export type MailAttachment = { filename: string; contentType: string } & ({ content: Buffer } | { path: string });

/** What every message has; queued messages add their files by reference (mail-queue.ts). */
export interface MailText {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface MailMessage extends MailText {
  attachments?: MailAttachment[];
}

/** Sends mail. Production and tests use SMTP; development without SMTP_URL logs messages instead. */
export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
  readonly transport: 'smtp' | 'log';
}

export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>, log: (line: string) => void = console.log): Mailer {
  if (config.smtpUrl) {
    const transporter = nodemailer.createTransport(config.smtpUrl);
    return {
      transport: 'smtp',
      async send(message) {
        const info = await transporter.sendMail({ from: config.mailFrom, ...message });
        return { messageId: info.messageId };
      },
    };
  }
  const transporter = nodemailer.createTransport({ jsonTransport: true });
  return {
    transport: 'log',
    async send(message) {
      const info = await transporter.sendMail({ from: config.mailFrom, ...message });
      const files = message.attachments?.length ? ` attachments=${message.attachments.map((a) => JSON.stringify(a.filename)).join(',')}` : '';
      log(`[mail] to=${message.to} subject=${JSON.stringify(message.subject)}${files}\n${message.text}`);
      return { messageId: info.messageId };
    },
  };
}
