/**
 * Test helpers of the service-requests tests (not used by the app): form posts as a browser sends
 * them (urlencoded or multipart with several files), people with roles, filings made directly
 * (with a filing date in the past), and small valid files.
 */
import type { LightMyRequestResponse } from 'fastify';
import { randomBytes } from 'node:crypto';
import { buildTestApp, csrfFor, type TestApp } from '../../../test/app.ts';
import type { Engine } from '../../../test/database.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { isBusinessDay } from '../../core/calendar/business-days.ts';
import { withTransaction } from '../../core/db/database.ts';
import { bogotaDay } from '../../core/i18n/i18n.ts';
import type { Role } from '../../core/permissions/permissions.ts';
import { createPerson } from '../admin/test-people.ts';
import { fileRequest, type FilingInput } from './commands/file-request.ts';
import type { MailContext } from './notify-requester.ts';

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
export const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63304e9bf91f00043402325b2d0ae00000000049454e44ae426082', 'hex');

/** Decodes the HTML entities preact writes, to match what people read. */
export const text = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export type Person = { id: string; email: string; cookie: string };
export interface Upload {
  name?: string;
  filename: string;
  type: string;
  data: Buffer;
}

export interface Harness {
  t: TestApp;
  mail: MailContext;
  get(url: string, cookie?: string): Promise<LightMyRequestResponse>;
  post(url: string, cookie: string | undefined, fields: Record<string, string | string[]>): Promise<LightMyRequestResponse>;
  postMultipart(url: string, cookie: string | undefined, fields: Record<string, string>, files?: Upload[]): Promise<LightMyRequestResponse>;
  person(name: string, roles?: { role: Role; entityCode?: string | null }[]): Promise<Person>;
  /** Files a request straight through the command (a filing date in the past, any requester). */
  fileDirect(overrides?: Partial<FilingInput>): Promise<{ id: string; radicado: string; code: string; dueOn: string }>;
}

/** The session cookie a response set (after a redirect that created a session). */
export function sessionCookie(response: LightMyRequestResponse): string | undefined {
  const cookie = response.cookies.find((c) => c.name === 'gab_sid');
  return cookie ? `gab_sid=${cookie.value}` : undefined;
}

/** The app on a fresh database, with a write rate limit high enough for a test file's posts (and `env` on top, e.g. SMTP_URL). */
export async function startHarness(engine: Engine, env: Record<string, string> = {}): Promise<Harness> {
  const t = await buildTestApp(engine, { GAB_RATE_LIMIT_PER_MINUTE: '100000', ...env });
  const mail: MailContext = { catalog: t.app.gab.catalog, baseUrl: t.config.baseUrl };
  const withCsrf = async (cookie: string | undefined) => {
    const csrf = await csrfFor(t.app);
    return { csrf, cookie: [cookie, csrf.cookie].filter(Boolean).join('; ') };
  };
  return {
    t,
    mail,
    get: (url, cookie) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} }),
    async post(url, cookie, fields) {
      const { csrf, cookie: header } = await withCsrf(cookie);
      const body = new URLSearchParams();
      for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
      body.append('_csrf', csrf.token);
      return t.app.inject({ method: 'POST', url, headers: { cookie: header, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
    },
    async postMultipart(url, cookie, fields, files = []) {
      const { csrf, cookie: header } = await withCsrf(cookie);
      const boundary = `----gab${randomBytes(8).toString('hex')}`;
      const parts: Buffer[] = [];
      const add = (name: string, value: string) => parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
      add('_csrf', csrf.token);
      for (const [name, value] of Object.entries(fields)) add(name, value);
      // Browsers send an empty file part when no file was chosen.
      const list = files.length > 0 ? files : [{ name: 'files', filename: '', type: 'application/octet-stream', data: Buffer.alloc(0) }];
      for (const f of list) {
        parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name ?? 'files'}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.data, Buffer.from('\r\n'));
      }
      parts.push(Buffer.from(`--${boundary}--\r\n`));
      return t.app.inject({ method: 'POST', url, headers: { cookie: header, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(parts) });
    },
    async person(name, roles = []) {
      const p = await createPerson(t.database.db, { name, roles });
      return { ...p, cookie: await signInAs(t.database, p.id) };
    },
    fileDirect(overrides = {}) {
      return withTransaction(t.database.db, (tx) =>
        fileRequest(tx, { files: t.app.gab.files, secret: t.config.secret, mail }, {
          typeCode: 'peticion_general',
          entityCode: 'sdm',
          localidadCode: '09',
          subject: 'Solicitud de prueba',
          description: 'Una solicitud de prueba con descripción suficiente.',
          channel: 'web',
          requester: { kind: 'anonymous' },
          consent: { policyVersion: 'test', ipHash: null },
          locale: 'es',
          files: [],
          actor: null,
          filedBy: null,
          ...overrides,
        }),
      );
    },
  };
}

/** A complete, valid filing form, with what each test changes. */
export const filingFields = (overrides: Record<string, string> = {}) => ({
  type: 'queja',
  entity: 'sdm',
  localidad: '09',
  subject: 'Semáforo dañado en la calle 26',
  description: 'El semáforo de la calle 26 con carrera 100 lleva una semana apagado y hay riesgo para los peatones.',
  identification: 'anonymous',
  name: '',
  email: '',
  phone: '',
  address: '',
  document_type: '',
  document_number: '',
  consent: 'yes',
  ...overrides,
});

/** The radicado and code shown on the receipt page. */
export function readReceipt(html: string): { radicado: string; code: string } {
  const radicado = /(\d{4}-\d{6})/.exec(html)?.[1];
  const code = /<code>([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})<\/code>/.exec(html)?.[1];
  if (!radicado || !code) throw new Error('no receipt on the page');
  return { radicado, code };
}

/**
 * Noon in Bogotá of the business day `n` business days before today (for filings in the past):
 * on a business day, a term of `n` days from it ends today; on a weekend or holiday, on the next
 * business day.
 */
export function businessDaysAgo(n: number): Date {
  let day = bogotaDay();
  for (let steps = 0; steps < n; ) {
    day = new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    if (isBusinessDay(day)) steps += 1;
  }
  return new Date(`${day}T12:00:00-05:00`);
}
