import { sql } from 'kysely';
import type { Executor } from '../../core/db/database.ts';
import type { ModuleExport, ModuleStat } from '../../core/modules/module.ts';
import type { SearchDocumentInput } from '../../core/search/search.ts';
import { causeSearchDocument, isSearchable } from './commands/index-cause.ts';
import { answeredLate, effectiveState, isOverdue, type CauseState } from './states.ts';

interface ExportRow {
  id: string;
  title: string;
  localidad_code: string | null;
  topic_code: string;
  state: CauseState;
  supports_count: number;
  threshold: number;
  published_at: Date | null;
  deadline_at: Date | null;
  target_entity_code: string | null;
  threshold_reached_at: Date | null;
  answer_due_on: string | null;
  answered_at: Date | null;
}

/**
 * Open data: every published cause that was not hidden, without personal data (no author, no
 * supporters). `overdue` says the entity's answer is, or came, past its due date.
 */
export const causesExport: ModuleExport<ExportRow> = {
  titleKey: 'causes.export.causes',
  openData: true,
  query: (db) =>
    db
      .selectFrom('causes_causes')
      .select(['id', 'title', 'localidad_code', 'topic_code', 'state', 'supports_count', 'threshold', 'published_at', 'deadline_at', 'target_entity_code', 'threshold_reached_at', 'answer_due_on', 'answered_at'])
      .where('published_at', 'is not', null)
      .where('state', '!=', 'hidden')
      .orderBy('published_at')
      .orderBy('id')
      .execute(),
  serialize: (row) => {
    const state = effectiveState(row);
    return {
      id: row.id,
      titulo: row.title,
      localidad: row.localidad_code,
      tema: row.topic_code,
      estado: state,
      apoyos: row.supports_count,
      umbral: row.threshold,
      publicada: row.published_at?.toISOString() ?? null,
      cierre_apoyos: row.deadline_at?.toISOString() ?? null,
      entidad: row.target_entity_code,
      umbral_alcanzado: row.threshold_reached_at?.toISOString() ?? null,
      respuesta_debida: row.answer_due_on,
      respondida: row.answered_at?.toISOString() ?? null,
      vencida: isOverdue({ state, answer_due_on: row.answer_due_on }) || answeredLate(row),
    };
  },
};

/** Home-page figures: public causes, supports given, answers published. */
export async function causesStats(db: Executor): Promise<ModuleStat[]> {
  const row = await db
    .selectFrom('causes_causes')
    .select([
      sql<string>`count(*) FILTER (WHERE published_at IS NOT NULL AND state <> 'hidden')`.as('causes'),
      sql<string>`coalesce(sum(supports_count) FILTER (WHERE state <> 'hidden'), 0)`.as('supports'),
      sql<string>`count(*) FILTER (WHERE state = 'answered')`.as('answered'),
    ])
    .executeTakeFirstOrThrow();
  return [
    { key: 'causes', labelKey: 'causes.stats.causes', value: Number(row.causes), href: '/causas' },
    { key: 'supports', labelKey: 'causes.stats.supports', value: Number(row.supports), href: '/causas?orden=apoyos' },
    { key: 'answered', labelKey: 'causes.stats.answered', value: Number(row.answered), href: '/causas?estado=answered' },
  ];
}

/** Every searchable cause, for a full reindex. */
export async function causesSearchDocuments(db: Executor): Promise<SearchDocumentInput[]> {
  const rows = await db.selectFrom('causes_causes').select(['id', 'title', 'problem', 'evidence', 'localidad_code', 'state', 'published_at']).execute();
  return rows.filter((r) => isSearchable(r.state, r.published_at)).map(causeSearchDocument);
}
