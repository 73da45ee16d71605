import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { Locale } from '../i18n/i18n.ts';

/** What a module feeds into the shared search index. */
export interface SearchDocumentInput {
  module: string;
  ref: string;
  locale?: Locale;
  title: string;
  body?: string;
  url: string;
  localidadCode?: string | null;
}

export interface SearchHit {
  module: string;
  ref: string;
  title: string;
  url: string;
  snippet: string;
  rank: number;
}

/** Adds or replaces one document (same module + ref + locale). */
export async function indexDocument(executor: Executor, doc: SearchDocumentInput): Promise<void> {
  const values = {
    module: doc.module,
    ref: doc.ref,
    locale: doc.locale ?? 'es',
    title: doc.title,
    body: doc.body ?? '',
    url: doc.url,
    localidad_code: doc.localidadCode ?? null,
    updated_at: new Date().toISOString(),
  };
  await executor
    .insertInto('core_search_documents')
    .values(values)
    .onConflict((oc) => oc.columns(['module', 'ref', 'locale']).doUpdateSet({ title: values.title, body: values.body, url: values.url, localidad_code: values.localidad_code, updated_at: values.updated_at }))
    .execute();
}

export async function removeDocument(executor: Executor, module: string, ref: string): Promise<void> {
  await executor.deleteFrom('core_search_documents').where('module', '=', module).where('ref', '=', ref).execute();
}

export interface SearchOptions {
  locale?: Locale;
  module?: string;
  localidadCode?: string;
  limit?: number;
  offset?: number;
}

/**
 * Spanish full-text search, accent- and case-insensitive ("participacion" finds "Participación",
 * "presupuesto" finds "presupuestos"), ranked with titles above bodies. Uses websearch syntax:
 * quotes for phrases, `-word` to exclude. Returns an empty list for blank queries.
 */
export async function searchDocuments(executor: Executor, query: string, options: SearchOptions = {}): Promise<{ total: number; hits: SearchHit[] }> {
  const text = query.trim().slice(0, 200);
  if (!text) return { total: 0, hits: [] };
  const locale = options.locale ?? 'es';
  const tsQuery = sql`websearch_to_tsquery('spanish', core_unaccent(${text}))`;
  let base = executor
    .selectFrom('core_search_documents')
    .where(sql<boolean>`document @@ ${tsQuery}`)
    .where('locale', '=', locale);
  if (options.module) base = base.where('module', '=', options.module);
  if (options.localidadCode) base = base.where('localidad_code', '=', options.localidadCode);
  const totalRow = await base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirst();
  const rows = await base
    .select([
      'module',
      'ref',
      'title',
      'url',
      sql<number>`ts_rank(document, ${tsQuery})`.as('rank'),
      sql<string>`ts_headline('spanish', body, ${tsQuery}, 'MaxWords=30, MinWords=10, StartSel=<<, StopSel=>>')`.as('snippet'),
    ])
    .orderBy('rank', 'desc')
    .orderBy('title')
    .limit(Math.min(options.limit ?? 20, 100))
    .offset(options.offset ?? 0)
    .execute();
  return { total: Number(totalRow?.total ?? 0), hits: rows.map((r) => ({ ...r, rank: Number(r.rank) })) };
}
