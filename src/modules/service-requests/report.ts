/**
 * The quarterly report of Ley 1712 de 2014 (Res. MinTIC 1519 de 2020, menu item 4.10 "Informes
 * trimestrales sobre acceso a información, quejas y reclamos"): requests received, answered on time
 * and late, transferred and denied, by type and by entity. No personal data: counts only.
 *
 * Definitions (also shown on the page): received = filed in the quarter; answered on time / late
 * = answered in the quarter, on or before / after the due date in force; denied = answered in the
 * quarter with a refusal; transferred = transfers made in the quarter (counted for the entity that
 * transferred); pending = received in the quarter and still without a final answer today.
 */
import { sql } from 'kysely';
import type { Executor } from '../../core/db/database.ts';

export interface ReportCounts {
  received: number;
  onTime: number;
  late: number;
  transferred: number;
  denied: number;
  pending: number;
}

export interface ReportCell extends ReportCounts {
  typeCode: string;
  entityCode: string;
  entityName: string;
}

export const EMPTY_COUNTS: ReportCounts = { received: 0, onTime: 0, late: 0, transferred: 0, denied: 0, pending: 0 };
export const COUNT_KEYS = Object.keys(EMPTY_COUNTS) as (keyof ReportCounts)[];

/** First and last day of a quarter (1–4). */
export function quarterRange(year: number, quarter: number): { from: string; to: string } {
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(lastMonth)}-${pad(lastDay)}` };
}

export const quarterOf = (day: string) => Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;

/** One cell per (type, entity) with any activity in the period. */
export async function quarterlyReport(db: Executor, from: string, to: string): Promise<ReportCell[]> {
  const [received, answered, transferred, entities] = await Promise.all([
    db
      .selectFrom('service_requests_requests')
      .select([
        'type_code',
        'entity_code',
        sql<string>`count(*)`.as('received'),
        sql<string>`count(*) FILTER (WHERE state IN ('filed', 'in_progress', 'awaiting_completion'))`.as('pending'),
      ])
      .where('filed_on', '>=', from)
      .where('filed_on', '<=', to)
      .groupBy(['type_code', 'entity_code'])
      .execute(),
    db
      .selectFrom('service_requests_requests')
      .select([
        'type_code',
        'entity_code',
        sql<string>`count(*) FILTER (WHERE answered_on <= due_on)`.as('on_time'),
        sql<string>`count(*) FILTER (WHERE answered_on > due_on)`.as('late'),
        sql<string>`count(*) FILTER (WHERE answer_outcome = 'denied')`.as('denied'),
      ])
      .where('answered_on', '>=', from)
      .where('answered_on', '<=', to)
      .groupBy(['type_code', 'entity_code'])
      .execute(),
    db
      .selectFrom('service_requests_events as ev')
      .innerJoin('service_requests_requests as r', 'r.id', 'ev.request_id')
      .select(['r.type_code', 'ev.from_entity as entity_code', sql<string>`count(*)`.as('transferred')])
      .where('ev.kind', '=', 'transferred')
      .where('ev.occurred_on', '>=', from)
      .where('ev.occurred_on', '<=', to)
      .groupBy(['r.type_code', 'ev.from_entity'])
      .execute(),
    db.selectFrom('core_entities').select(['code', 'name']).execute(),
  ]);
  const names = new Map(entities.map((e) => [e.code, e.name]));
  const cells = new Map<string, ReportCell>();
  const cell = (typeCode: string, entityCode: string) => {
    const key = `${typeCode}|${entityCode}`;
    let found = cells.get(key);
    if (!found) {
      found = { typeCode, entityCode, entityName: names.get(entityCode) ?? entityCode, ...EMPTY_COUNTS };
      cells.set(key, found);
    }
    return found;
  };
  for (const r of received) Object.assign(cell(r.type_code, r.entity_code), { received: Number(r.received), pending: Number(r.pending) });
  for (const r of answered) Object.assign(cell(r.type_code, r.entity_code), { onTime: Number(r.on_time), late: Number(r.late), denied: Number(r.denied) });
  for (const r of transferred) if (r.entity_code) cell(r.type_code, r.entity_code).transferred = Number(r.transferred);
  return [...cells.values()].sort((a, b) => a.entityName.localeCompare(b.entityName, 'es') || a.typeCode.localeCompare(b.typeCode));
}

/** Sums cells by a key (type or entity), keeping the first-seen order of `order`. */
export function totalsBy(cells: ReportCell[], key: (cell: ReportCell) => string): Map<string, ReportCounts> {
  const totals = new Map<string, ReportCounts>();
  for (const c of cells) {
    const k = key(c);
    const sum = totals.get(k) ?? { ...EMPTY_COUNTS };
    for (const name of COUNT_KEYS) sum[name] += c[name];
    totals.set(k, sum);
  }
  return totals;
}

export function grandTotal(cells: ReportCell[]): ReportCounts {
  return totalsBy(cells, () => 'all').get('all') ?? { ...EMPTY_COUNTS };
}

const csvField = (value: string | number) => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The report as CSV (UTF-8, comma, one row per type and entity), for download and open data. */
export function reportCsv(cells: ReportCell[], year: number, quarter: number, typeLabel: (code: string) => string): string {
  const header = ['anio', 'trimestre', 'tipologia_codigo', 'tipologia', 'entidad_codigo', 'entidad', 'recibidas', 'respondidas_a_tiempo', 'respondidas_fuera_de_termino', 'trasladadas', 'negadas', 'pendientes'];
  const lines = cells.map((c) =>
    [year, quarter, c.typeCode, typeLabel(c.typeCode), c.entityCode, c.entityName, c.received, c.onTime, c.late, c.transferred, c.denied, c.pending].map(csvField).join(','),
  );
  return `${header.join(',')}\r\n${lines.map((l) => `${l}\r\n`).join('')}`;
}
