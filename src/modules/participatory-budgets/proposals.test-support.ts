/**
 * Test helpers of the proposal and valuation tests (not used by the app): form posts as a browser
 * sends them (urlencoded or multipart), people in every situation the rules distinguish, and a
 * few small images.
 */
import type { LightMyRequestResponse } from 'fastify';
import { randomBytes } from 'node:crypto';
import { buildTestApp, csrfFor, type TestApp } from '../../../test/app.ts';
import type { Engine } from '../../../test/database.ts';
import { signInAs } from '../../../test/sign-in.ts';
import type { Role } from '../../core/permissions/permissions.ts';
import { createPerson } from '../admin/test-people.ts';

/** Inside Suba (localidad 11), Fontibón (09), and outside Bogotá (Mosquera). */
export const SUBA_POINT = { latitude: '4.742', longitude: '-74.09' };
export const FONTIBON_POINT = { latitude: '4.67', longitude: '-74.14' };
export const OUTSIDE_POINT = { latitude: '4.7', longitude: '-74.2' };

/** A 1×1 PNG, and a few bytes that merely claim to be one. */
export const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63304e9bf91f00043402325b2d0ae00000000049454e44ae426082', 'hex');
export const NOT_AN_IMAGE = Buffer.from('%PDF-1.7 this is not an image');

/** Decodes the HTML entities preact writes, to match what people read. */
export const text = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export type Person = { id: string; email: string; cookie: string };

export const birthDateForAge = (years: number) => {
  const date = new Date(Date.now() - 30 * 86400_000);
  date.setUTCFullYear(date.getUTCFullYear() - years);
  return date.toISOString().slice(0, 10);
};

export interface Harness {
  t: TestApp;
  get(url: string, cookie?: string): Promise<LightMyRequestResponse>;
  post(url: string, cookie: string | undefined, fields: Record<string, string | string[]>): Promise<LightMyRequestResponse>;
  postMultipart(url: string, cookie: string | undefined, fields: Record<string, string>, file?: { name: string; filename: string; type: string; data: Buffer }): Promise<LightMyRequestResponse>;
  person(name: string, spec?: { level?: 'registered' | 'identity' | 'residence'; age?: number; guardianConsent?: boolean; roles?: { role: Role; entityCode?: string | null }[] }): Promise<Person>;
}

/** The app on a fresh database, with a write rate limit high enough for a test file's posts. */
export async function startHarness(engine: Engine): Promise<Harness> {
  const t = await buildTestApp(engine, { GAB_RATE_LIMIT_PER_MINUTE: '100000' });
  const cookies = async (cookie: string | undefined) => {
    const csrf = await csrfFor(t.app);
    return { csrf, cookie: [cookie, csrf.cookie].filter(Boolean).join('; ') };
  };
  return {
    t,
    get: (url, cookie) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} }),
    async post(url, cookie, fields) {
      const { csrf, cookie: header } = await cookies(cookie);
      const body = new URLSearchParams();
      for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
      body.append('_csrf', csrf.token);
      return t.app.inject({ method: 'POST', url, headers: { cookie: header, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
    },
    async postMultipart(url, cookie, fields, file) {
      const { csrf, cookie: header } = await cookies(cookie);
      const boundary = `----gab${randomBytes(8).toString('hex')}`;
      const parts: Buffer[] = [];
      const add = (name: string, value: string) => parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
      add('_csrf', csrf.token);
      for (const [name, value] of Object.entries(fields)) add(name, value);
      // Browsers send an empty file part when no file was chosen.
      const f = file ?? { name: 'image', filename: '', type: 'application/octet-stream', data: Buffer.alloc(0) };
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.data, Buffer.from('\r\n'));
      parts.push(Buffer.from(`--${boundary}--\r\n`));
      return t.app.inject({ method: 'POST', url, headers: { cookie: header, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(parts) });
    },
    async person(name, spec = {}) {
      const p = await createPerson(t.database.db, {
        name,
        level: spec.level ?? 'identity',
        birthDate: spec.age === undefined ? undefined : birthDateForAge(spec.age),
        guardianConsent: spec.guardianConsent,
        roles: spec.roles,
      });
      return { ...p, cookie: await signInAs(t.database, p.id) };
    },
  };
}

/** A complete step 1, with what each test changes. */
export const descriptionFields = (overrides: Record<string, string> = {}) => ({
  title: 'Huerta comunitaria en el parque del barrio',
  description: 'Recuperar el lote abandonado junto al parque para sembrar una huerta que cuiden los vecinos.',
  topic_code: 'ambiente',
  goal_code: 'meta-huertas',
  concept_code: 'agricultura-urbana',
  guiding_question: '¿Cómo aprovechar el lote abandonado?',
  keywords: 'huerta, parque, vecinos',
  image_alt: '',
  ...overrides,
});

export const ideaFields = (overrides: Record<string, string> = {}) => ({
  activities: 'Limpieza del lote, adecuación del suelo, siembra y talleres mensuales con la comunidad.',
  ...SUBA_POINT,
  location_label: 'Parque vecinal de Suba Rincón',
  ...overrides,
});

export const costFields = (overrides: Record<string, string> = {}) => ({ organisation: 'Junta de Acción Comunal Rincón', estimated_cost: '25.000.000', ...overrides });
