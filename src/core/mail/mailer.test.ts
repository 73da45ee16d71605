import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { mimeParts, parseMessage } from '../../../test/smtp-message.ts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, testEngines } from '../../../test/database.ts';
import { MODULES } from '../../modules/index.ts';
import { loadConfig } from '../config/config.ts';
import { type DatabaseHandle, withTransaction } from '../db/database.ts';
import { jobHandlers } from '../jobs/handlers.ts';
import { runDueJobs } from '../jobs/jobs.ts';
import { createRegistry } from '../modules/registry.ts';
import { servicesFor } from '../setup.ts';
import { createMailer } from './mailer.ts';
import { queueMail, SEND_MAIL_JOB } from './mail-queue.ts';

const MAIL_FROM = 'GAB Bogotá <no-responder@gobiernoabierto.bogota.gov.co>';

interface ReceivedMail {
  from: string | false;
  to: string[];
  headers: Record<string, string>;
  body: string;
}

/** A real SMTP server on 127.0.0.1 keeping every message it accepts. */
async function startSmtp(port = 0) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom && session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          ...parseMessage(Buffer.concat(chunks).toString('latin1')),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    received,
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
type Smtp = Awaited<ReturnType<typeof startSmtp>>;

describe('createMailer over SMTP', () => {
  let smtp: Smtp;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => smtp?.close());

  it('delivers subject, body and recipient with Spanish accents intact', async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, mailFrom: MAIL_FROM });
    expect(mailer.transport).toBe('smtp');
    const text = 'Su petición Nº 42 fue radicada en la Alcaldía Local de Fontibón.\n¿Preguntas? Escríbanos: ñandú, pingüino, acción.';
    const result = await mailer.send({ to: 'ciudadana.pérez@example.co', subject: 'Confirmación de participación — Año 2026', text });
    expect(result.messageId).toMatch(/^<.+@.+>$/);
    const mail = smtp.received.at(-1)!;
    expect(mail.from).toBe('no-responder@gobiernoabierto.bogota.gov.co');
    expect(mail.to).toEqual(['ciudadana.pérez@example.co']);
    expect(mail.headers.subject).toBe('Confirmación de participación — Año 2026');
    expect(mail.headers.from).toBe('GAB Bogotá <no-responder@gobiernoabierto.bogota.gov.co>');
    expect(mail.headers['content-type']).toMatch(/charset=utf-8/i);
    expect(mail.headers['message-id']).toBe(result.messageId);
    expect(mail.body).toBe(text);
  });
});

describe('createMailer without SMTP_URL', () => {
  it('logs the recipient, subject and text instead of sending', async () => {
    const log = vi.fn<(line: string) => void>();
    const mailer = createMailer({ smtpUrl: null, mailFrom: MAIL_FROM }, log);
    expect(mailer.transport).toBe('log');
    const result = await mailer.send({ to: 'vecino@example.co', subject: 'Código de verificación', text: 'Su código es 123456.' });
    expect(result.messageId).toBeTruthy();
    expect(log).toHaveBeenCalledTimes(1);
    const line = log.mock.calls[0]![0];
    expect(line).toContain('to=vecino@example.co');
    expect(line).toContain('subject="Código de verificación"');
    expect(line).toContain('Su código es 123456.');
  });
});

describe.each(testEngines())('mail through the job queue (%s)', (engine) => {
  let database: DatabaseHandle;
  let smtp: Smtp;
  let dataDir: string;
  let run: () => Promise<number>;
  let services: ReturnType<typeof servicesFor>;
  beforeAll(async () => {
    smtp = await startSmtp();
    dataDir = mkdtempSync(join(tmpdir(), 'gab-mail-'));
    database = await createTestDatabase(engine);
    const config = loadConfig({ NODE_ENV: 'test', GAB_DATA_DIR: dataDir, SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    const registry = createRegistry(MODULES);
    services = servicesFor(config, database, () => undefined);
    const handlers = jobHandlers(services, registry);
    run = () => runDueJobs(database.db, handlers);
    // Demo content may leave module jobs due (a consultation that closed); this suite counts only
    // the mail jobs it queues itself.
    await run();
  });
  afterAll(async () => {
    await smtp?.close();
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const jobById = (id: string) => database.db.selectFrom('core_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('sends a mail queued in a committed transaction', async () => {
    const id = await withTransaction(database.db, (tx) =>
      queueMail(tx, { to: 'participante@example.co', subject: 'Votación abierta en Usaquén', text: 'La votación de presupuestos participativos está abierta.' }),
    );
    const job = await jobById(id);
    expect(job).toMatchObject({ name: SEND_MAIL_JOB, status: 'queued', max_attempts: 8 });
    expect(smtp.received.some((m) => m.headers.subject === 'Votación abierta en Usaquén')).toBe(false);
    expect(await run()).toBe(1);
    const mail = smtp.received.find((m) => m.headers.subject === 'Votación abierta en Usaquén');
    expect(mail?.to).toEqual(['participante@example.co']);
    expect(mail?.body).toBe('La votación de presupuestos participativos está abierta.');
    expect((await jobById(id)).status).toBe('done');
  });

  it('attaches stored files, queued by reference and read from the file store when the mail leaves', async () => {
    const content = Buffer.from('%PDF-1.4\nacta de la reunión\n%%EOF\n');
    const stored = await services.files.save(database.db, Readable.from([content]), { originalName: 'acta.pdf', mediaType: 'application/pdf', allowedTypes: ['application/pdf'] });
    const id = await queueMail(database.db, { to: 'edil@example.co', subject: 'Acta adjunta', text: 'Le enviamos el acta.', attachments: [{ sha256: stored.sha256, filename: 'acta.pdf', contentType: 'application/pdf' }] });
    // The job holds the reference, not the bytes.
    expect(JSON.stringify((await jobById(id)).payload)).not.toContain(content.toString('base64'));
    expect(await run()).toBe(1);
    const mail = smtp.received.find((m) => m.headers.subject === 'Acta adjunta')!;
    const parts = mimeParts(mail);
    expect(parts.map((p) => p.headers['content-type']?.split(';')[0])).toEqual(['text/plain', 'application/pdf']);
    expect(parts[0]!.content.toString('utf8')).toBe('Le enviamos el acta.');
    expect(parts[1]!.headers['content-disposition']).toMatch(/^attachment; filename="?acta\.pdf"?/);
    expect(parts[1]!.content.equals(content)).toBe(true);
  });

  it('still sends the mail, without it, when an attached file left the store after the mail was queued', async () => {
    const gone = 'e'.repeat(64);
    await queueMail(database.db, { to: 'edil@example.co', subject: 'Acta ya borrada', text: 'Vea el acta en la página.', attachments: [{ sha256: gone, filename: 'acta.pdf', contentType: 'application/pdf' }] });
    expect(await run()).toBe(1);
    const mail = smtp.received.find((m) => m.headers.subject === 'Acta ya borrada')!;
    expect(mail.body).toBe('Vea el acta en la página.');
    expect(String(mail.headers['content-type'])).toMatch(/^text\/plain/);
  });

  it('sends nothing when the transaction that queued the mail rolls back', async () => {
    const before = smtp.received.length;
    await expect(
      withTransaction(database.db, async (tx) => {
        await queueMail(tx, { to: 'nadie@example.co', subject: 'No debe salir', text: '…' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await run()).toBe(0);
    expect(smtp.received.length).toBe(before);
  });

  it('keeps the mail queued while the SMTP server is down and delivers it once it is back', async () => {
    const { port } = smtp;
    await smtp.close();
    const id = await queueMail(database.db, { to: 'paciente@example.co', subject: 'Recordatorio de cita', text: 'Mañana a las 8:00.' });
    expect(await run()).toBe(1);
    const waiting = await jobById(id);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1 });
    expect(waiting.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(waiting.run_at.getTime()).toBeGreaterThan(Date.now());

    smtp = await startSmtp(port);
    await database.db.updateTable('core_jobs').set({ run_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', id).execute();
    expect(await run()).toBe(1);
    expect((await jobById(id)).status).toBe('done');
    expect(smtp.received.map((m) => [m.to, m.headers.subject, m.body])).toEqual([[['paciente@example.co'], 'Recordatorio de cita', 'Mañana a las 8:00.']]);
  });
});
