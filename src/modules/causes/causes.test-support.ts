/**
 * Test helpers of the causes module (not used by the app): the app with a generous rate limit, and
 * causes in any state.
 */
import { buildTestApp, csrfFor, type TestApp } from '../../../test/app.ts';
import type { Engine } from '../../../test/database.ts';
import { withTransaction, type Db } from '../../core/db/database.ts';
import type { Actor } from '../../core/permissions/permissions.ts';
import { publishCause } from './commands/author-actions.ts';
import { createCause } from './commands/save-cause.ts';
import type { CausesSettings } from './causes.settings.ts';
import type { CauseFields } from './cause-form.ts';

/** Many writes come from one test client: the per-address limit would get in the way. */
const TEST_ENV = { GAB_RATE_LIMIT_PER_MINUTE: '100000' };

/** The real app on a fresh test database (the template holds the causes tables and demo content). */
export async function buildCausesTestApp(engine: Engine = 'pglite', env: Record<string, string> = {}): Promise<TestApp> {
  return buildTestApp(engine, { ...TEST_ENV, ...env });
}

export const TEST_SETTINGS: CausesSettings = { support_threshold: 3, support_days: 30, answer_term_business_days: 15, default_answer_entity: 'idpac' };

export const sampleFields = (overrides: Partial<CauseFields> = {}): CauseFields => ({
  title: 'Faltan rampas en los andenes del barrio',
  problem: 'Los andenes del barrio no tienen rampas y las personas en silla de ruedas bajan a la calzada.',
  evidence: '',
  links: [],
  localidad_code: '09',
  topic_code: 'espacio-publico',
  target_entity_code: 'idu',
  ...overrides,
});

/** A minimal actor for commands (the author need not be verified for the command itself). */
export const actorFor = (userId: string, name = 'Persona de prueba'): Actor => ({ userId, displayName: name, roles: [], level: 'identity', birthDate: '1990-01-01' });

/** A cause created and (unless `draft`) published by `authorId`, with small test settings. */
export async function makeCause(db: Db, authorId: string, options: { draft?: boolean; settings?: Partial<CausesSettings>; fields?: Partial<CauseFields>; now?: Date } = {}): Promise<string> {
  const settings = { ...TEST_SETTINGS, ...options.settings };
  return withTransaction(db, async (tx) => {
    const { id } = await createCause(tx, { actor: actorFor(authorId), fields: sampleFields(options.fields), fileIds: [], settings });
    if (!options.draft) await publishCause(tx, { causeId: id, actor: actorFor(authorId), settings, now: options.now });
    return id;
  });
}

// Multipart posting is shared by every module's tests.
export { postMultipart, type TestFile } from '../../../test/post-form.ts';

/** Smallest files of each accepted type (by their first bytes), and one that is not. */
export const SAMPLE_FILES = {
  pdf: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
  png: Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'),
  jpeg: Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex'),
  exe: Buffer.from('4d5a90000300000004000000ffff0000', 'hex'),
};

/** The app with the causes module on a PGlite copy of the template, listening on a free port (browser tests). */
export async function startCausesTestServer(): Promise<{ baseUrl: string; testApp: TestApp; close(): Promise<void> }> {
  const testApp = await buildCausesTestApp('pglite');
  try {
    const address = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    return { baseUrl: address.replace(/\/$/, ''), testApp, close: () => testApp.close() };
  } catch (error) {
    await testApp.close();
    throw error;
  }
}
