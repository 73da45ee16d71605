import { sql } from 'kysely';
import type { ModuleExport } from '../../../core/modules/module.ts';
import type { RequestStatus, ReuseKind } from '../open-data.schema.ts';

interface RequestRow {
  id: string;
  title: string;
  entity_code: string | null;
  localidad_code: string | null;
  status: RequestStatus;
  vote_count: number;
  created_at: Date;
  answered_at: Date | null;
  answer: string | null;
  dataset_name: string | null;
}

/**
 * Open data: every data request with its state, votes and official answer. No personal data: no
 * requester, no voters, and of what citizens wrote only the title (descriptions are free text
 * that may name people; they stay on the request's page).
 */
export const requestsExport: ModuleExport<RequestRow> = {
  titleKey: 'open-data.community.export.requests',
  openData: true,
  query: (db) =>
    db
      .selectFrom('open_data_requests as r')
      .leftJoin('open_data_datasets as d', (j) => j.onRef('d.id', '=', 'r.dataset_id').on('d.private', '=', false))
      .select(['r.id', 'r.title', 'r.entity_code', 'r.localidad_code', 'r.status', 'r.vote_count', 'r.created_at', 'r.answered_at', 'r.answer', 'd.name as dataset_name'])
      .orderBy('r.created_at')
      .orderBy('r.id')
      .execute(),
  serialize: (row) => ({
    id: row.id,
    titulo: row.title,
    entidad: row.entity_code,
    localidad: row.localidad_code,
    estado: row.status,
    votos: row.vote_count,
    creada: row.created_at.toISOString(),
    respondida: row.answered_at?.toISOString() ?? null,
    respuesta: row.answer,
    conjunto_de_datos: row.dataset_name,
  }),
};

interface ReuseRow {
  id: string;
  title: string;
  kind: ReuseKind;
  url: string;
  created_at: Date;
  datasets: string | null;
}

/** Open data: every visible reuse and the (public) datasets it uses, without its author. */
export const reusesExport: ModuleExport<ReuseRow> = {
  titleKey: 'open-data.community.export.reuses',
  openData: true,
  query: (db) =>
    db
      .selectFrom('open_data_reuses as r')
      .select(['r.id', 'r.title', 'r.kind', 'r.url', 'r.created_at'])
      .select(
        sql<string | null>`(SELECT string_agg(d.name, ' ' ORDER BY d.name) FROM open_data_reuse_datasets rd JOIN open_data_datasets d ON d.id = rd.dataset_id WHERE rd.reuse_id = r.id AND NOT d.private AND d.state = 'active')`.as('datasets'),
      )
      .where('r.hidden', '=', false)
      .orderBy('r.created_at')
      .orderBy('r.id')
      .execute(),
  serialize: (row) => ({ id: row.id, titulo: row.title, tipo: row.kind, url: row.url, publicado: row.created_at.toISOString(), conjuntos_de_datos: row.datasets ?? '' }),
};
