import type { FastifyInstance } from 'fastify';
import { csrfFor } from './app.ts';

/** Posts a form as a browser would: session cookie, CSRF cookie and token, urlencoded fields. */
export async function postForm(app: FastifyInstance, url: string, cookie: string | undefined, fields: Record<string, string | string[]>) {
  const csrf = await csrfFor(app);
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  body.append('_csrf', csrf.token);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: [cookie, csrf.cookie].filter(Boolean).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

export interface TestFile {
  field?: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** Posts a multipart form as a browser would (session and CSRF cookies, token field, files). */
export async function postMultipart(app: FastifyInstance, url: string, cookie: string | undefined, fields: Record<string, string | string[]>, files: TestFile[] = []) {
  const csrf = await csrfFor(app);
  const boundary = `----gabtest${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  const add = (head: string, body: Buffer | string) => parts.push(Buffer.from(`--${boundary}\r\n${head}\r\n\r\n`), Buffer.isBuffer(body) ? body : Buffer.from(body), Buffer.from('\r\n'));
  for (const [name, value] of Object.entries({ ...fields, _csrf: csrf.token })) for (const v of [value].flat()) add(`Content-Disposition: form-data; name="${name}"`, v);
  for (const f of files) add(`Content-Disposition: form-data; name="${f.field ?? 'files'}"; filename="${f.filename}"\r\nContent-Type: ${f.contentType}`, f.data);
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: [cookie, csrf.cookie].filter(Boolean).join('; '), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}
