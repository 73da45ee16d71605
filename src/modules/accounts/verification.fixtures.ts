/**
 * Test helpers shared by the verification and service-desk tests (not used by the app).
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Readable } from 'node:stream';
import { csrfFor } from '../../../test/app.ts';
import type { Db } from '../../core/db/database.ts';
import { identityHash, type DocumentType } from '../../core/verification/identity.ts';
import { importRegistryCsv } from '../../core/verification/registry-import.ts';

let counter = 0;

/** A person with an account (and, with `birthDate`, the profile registration creates). */
export async function createPerson(db: Db, secret: string, input: { name: string; birthDate?: string; email?: string }): Promise<{ id: string; email: string }> {
  counter++;
  const email = input.email ?? `persona-${counter}-${Math.random().toString(36).slice(2, 8)}@example.co`;
  const user = await db.insertInto('core_users').values({ email, display_name: input.name }).returning('id').executeTakeFirstOrThrow();
  if (input.birthDate) {
    await db
      .insertInto('core_profiles')
      .values({ user_id: user.id, document_type: 'CC', document_hash: identityHash(secret, 'CC', `9${String(counter).padStart(9, '0')}`), birth_date: input.birthDate, localidad_code: '01' })
      .execute();
  }
  return { id: user.id, email };
}

/** Loads registry records as an official's extract would. */
export async function importRegistry(db: Db, secret: string, rows: { type: DocumentType; number: string; birthDate: string; localidad: string }[]) {
  const csv = ['tipo_documento,numero_documento,fecha_nacimiento,localidad', ...rows.map((r) => `${r.type},${r.number},${r.birthDate},${r.localidad}`)].join('\n');
  return importRegistryCsv(db, Readable.from([csv]), { secret, batchId: 'pruebas' });
}

/** Posts a urlencoded form as a browser would: session cookie, CSRF cookie and token. */
export async function postForm(app: FastifyInstance, url: string, cookie: string | null, fields: Record<string, string>, options: { remoteAddress?: string; lang?: 'es' | 'en' } = {}) {
  const csrf = await csrfFor(app, '/');
  const cookies = [cookie, csrf.cookie, options.lang ? `gab_lang=${options.lang}` : null].filter(Boolean).join('; ');
  return app.inject({
    method: 'POST',
    url,
    remoteAddress: options.remoteAddress,
    headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrf.token, ...fields }).toString(),
  });
}

/** YYYY-MM-DD of the day `years` years before today (UTC), i.e. someone who just turned that age. */
export function birthDateForAge(years: number, extraDays = 30): string {
  const date = new Date(Date.now() - extraDays * 86400_000);
  date.setUTCFullYear(date.getUTCFullYear() - years);
  return date.toISOString().slice(0, 10);
}

/**
 * Every text-like column of every table (text, varchar, json, arrays…) that contains one of the
 * values, as `table.column`. Used to prove raw document numbers are never stored anywhere.
 */
export async function columnsContaining(db: Db, values: string[]): Promise<string[]> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    SELECT c.table_name, c.column_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = 'public'
      AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED'))`.execute(db);
  const found: string[] = [];
  for (const { table_name, column_name } of columns.rows) {
    for (const value of values) {
      const hit = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table_name)} WHERE ${sql.ref(column_name)}::text LIKE ${`%${value}%`}`.execute(db);
      if (hit.rows[0]!.n > 0) found.push(`${table_name}.${column_name} ∋ ${value}`);
    }
  }
  return found;
}

/** How many text-like columns the scan covers (so a scan of nothing cannot pass). */
export async function countTextColumns(db: Db): Promise<number> {
  const result = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`.execute(db);
  return result.rows[0]!.n;
}
