import nodemailer from 'nodemailer';
import type { Config } from '../config/config.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
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
      log(`[mail] to=${message.to} subject=${JSON.stringify(message.subject)}\n${message.text}`);
      return { messageId: info.messageId };
    },
  };
}
