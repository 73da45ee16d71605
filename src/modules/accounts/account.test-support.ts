/**
 * Helpers for the accounts tests: a real SMTP server that keeps what it receives, and a visitor
 * that keeps cookies and CSRF tokens across requests the way a browser does.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseMessage } from '../../../test/smtp-message.ts';
import { jobHandlers } from '../../core/jobs/handlers.ts';
import { runDueJobs } from '../../core/jobs/jobs.ts';

export interface ReceivedMail {
  to: string[];
  headers: Record<string, string>;
  body: string;
}

/** A real SMTP server on 127.0.0.1 keeping every message it accepts. */
export async function startSmtp() {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), ...parseMessage(Buffer.concat(chunks).toString('latin1')) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    received,
    port: (server.server.address() as AddressInfo).port,
    /** Messages sent to `address`, oldest first. */
    to: (address: string) => received.filter((m) => m.to.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type Smtp = Awaited<ReturnType<typeof startSmtp>>;

/** The first link to `path` (e.g. "/confirmar-correo/") in a mail body, as a local path. */
export function linkIn(body: string, path: string): string {
  const match = new RegExp(`https?://[^\\s/]+(${path}[A-Za-z0-9_-]+)`).exec(body);
  if (!match) throw new Error(`no ${path} link in:\n${body}`);
  return match[1]!;
}

/**
 * A browser stand-in for `app.inject`: keeps cookies (dropping expired ones), remembers the last
 * CSRF token it saw in a page, and comes from its own address (rate limits are per client).
 */
export class Visitor {
  readonly cookies = new Map<string, string>();
  csrf: string | null = null;

  constructor(
    private readonly app: FastifyInstance,
    readonly ip = '127.0.0.1',
    readonly headers: Record<string, string> = {},
  ) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      const expired = (cookie.expires && cookie.expires.getTime() <= Date.now()) || cookie.maxAge === 0 || cookie.value === '';
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrf = token;
    return response;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.remember(await this.app.inject({ method: 'GET', url, remoteAddress: this.ip, headers: { ...this.headers, cookie: this.cookieHeader } }));
  }

  /** Posts a form; fetches a page first when no CSRF token is known yet. Pass `csrf: false` to leave the token out. */
  async post(url: string, fields: Record<string, string> = {}, options: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    if (options.csrf !== false && !this.csrf) await this.get('/');
    const payload = new URLSearchParams({ ...(options.csrf !== false && this.csrf ? { _csrf: this.csrf } : {}), ...fields }).toString();
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        remoteAddress: this.ip,
        headers: { ...this.headers, cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
        payload,
      }),
    );
  }
}

/** A complete, valid registration form; override fields to make it wrong. */
export function registrationFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    display_name: 'María Fernanda Rojas',
    email: 'maria.rojas@example.co',
    password: 'una frase larga y segura',
    document_type: 'CC',
    document_number: '73.190.468',
    birth_day: '15',
    birth_month: '3',
    birth_year: '1991',
    localidad: '09',
    gender: 'female',
    ethnic_group: '',
    disability: 'none',
    conflict_victim: 'prefer_not_to_say',
    consent: 'yes',
    ...overrides,
  };
}

/**
 * Sends everything the app logs to an array instead of stdout (the app must be built with a log
 * level other than "silent"): pino reads its destination from the root logger on every write.
 */
export function captureLogs(app: FastifyInstance): string[] {
  const lines: string[] = [];
  let owner: object | null = app.log as unknown as object;
  let key: symbol | undefined;
  while (owner && !key) {
    key = Object.getOwnPropertySymbols(owner).find((s) => s.description === 'pino.stream');
    if (!key) owner = Object.getPrototypeOf(owner) as object | null;
  }
  if (!owner || !key) throw new Error('the app has no pino logger (is GAB_LOG_LEVEL silent?)');
  (owner as Record<symbol, unknown>)[key] = { write: (line: string) => void lines.push(line) };
  return lines;
}

/** The app's job queue run once, as the worker would: sends queued mail over SMTP. */
export async function runJobs(app: FastifyInstance): Promise<number> {
  return runDueJobs(app.gab.db, jobHandlers(app.gab, app.gab.registry));
}

/**
 * Registers through the form, delivers the queued mail and opens the confirmation link, as a
 * person would. Leaves the visitor signed in; returns the confirmation mail.
 */
export async function signUp(app: FastifyInstance, visitor: Visitor, smtp: Smtp, fields: Record<string, string> = {}): Promise<ReceivedMail> {
  const form = registrationFields(fields);
  const registered = await visitor.post('/registro', form);
  if (registered.statusCode !== 303) throw new Error(`registration failed (${registered.statusCode}):\n${registered.body}`);
  await runJobs(app);
  const mail = smtp.to(form.email!.toLowerCase()).at(-1);
  if (!mail) throw new Error(`no mail for ${form.email}`);
  const link = linkIn(mail.body, '/confirmar-correo/');
  await visitor.get(link);
  const confirmed = await visitor.post(link);
  if (confirmed.statusCode !== 303) throw new Error(`confirmation failed (${confirmed.statusCode})`);
  return mail;
}
