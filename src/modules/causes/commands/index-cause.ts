import type { Executor } from '../../../core/db/database.ts';
import { indexDocument, removeDocument, type SearchDocumentInput } from '../../../core/search/search.ts';
import { PUBLIC_STATES, type CauseState } from '../states.ts';

export const searchRef = (causeId: string) => `cause:${causeId}`;

/** The search entry of a public cause: title, problem and evidence text, in its localidad. */
export function causeSearchDocument(cause: { id: string; title: string; problem: string; evidence: string; localidad_code: string | null }): SearchDocumentInput {
  return {
    module: 'causes',
    ref: searchRef(cause.id),
    title: cause.title,
    body: [cause.problem, cause.evidence].filter(Boolean).join('\n\n'),
    url: `/causas/${cause.id}`,
    localidadCode: cause.localidad_code,
  };
}

/** Only what anyone may read is searchable: drafts and hidden causes are left out. */
export const isSearchable = (state: CauseState, publishedAt: Date | null) => PUBLIC_STATES.includes(state) && publishedAt !== null;

/**
 * Brings a cause's entry in the shared search index in line with the cause, in the caller's
 * transaction so the index never shows a change that did not happen.
 */
export async function reindexCause(executor: Executor, causeId: string): Promise<void> {
  const cause = await executor.selectFrom('causes_causes').select(['id', 'title', 'problem', 'evidence', 'localidad_code', 'state', 'published_at']).where('id', '=', causeId).executeTakeFirst();
  if (cause && isSearchable(cause.state, cause.published_at)) await indexDocument(executor, causeSearchDocument(cause));
  else await removeDocument(executor, 'causes', searchRef(causeId));
}
