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
