import { DataTable, EmptyState, Pagination } from '../../../core/views/components/content.tsx';
import { SelectField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { QUEUE_PAGE_SIZE, type QueueFilters, type QueueRow, type RequestType } from '../service-requests.queries.ts';
import { STATES } from '../service-requests.schema.ts';
import { DueStatus, P, day, stateLabel, typeLabel } from './parts.tsx';

export function queueHref(filters: QueueFilters, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, String(value));
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `/pqrs/gestion${query ? `?${query}` : ''}`;
}

/** The officials' work queue, with filters as a GET form (works without JavaScript). */
export function QueuePage(props: {
  ctx: ViewContext;
  rows: QueueRow[];
  total: number;
  page: number;
  filters: QueueFilters;
  today: string;
  types: RequestType[];
  entities: { code: string; acronym: string; name: string }[];
  localidades: { code: string; number: number; name: string }[];
}) {
  const { ctx, rows, filters } = props;
  const { t, locale } = ctx;
  const title = t(`${P}.queue.title`);
  const any = t(`${P}.queue.any`);
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/pqrs', label: t(`${P}.title`) }, { label: title }]}>
      <h1>{title}</h1>
      <p>
        <a href="/pqrs/gestion/tablero">{t(`${P}.dashboard.title`)}</a> · <a href="/pqrs/gestion/plantillas">{t(`${P}.templates.title`)}</a> ·{' '}
        <a href="/pqrs/informe">{t(`${P}.report.title`)}</a>
      </p>
      <form method="get" action="/pqrs/gestion" class="filters" aria-labelledby="queue-filters">
        <h2 id="queue-filters">{t(`${P}.queue.filters`)}</h2>
        {props.entities.length > 1 && (
          <SelectField t={t} name="entity" label={t(`${P}.fields.entity`)} value={filters.entity ?? ''} placeholder={any} options={props.entities.map((e) => ({ value: e.code, label: `${e.name} (${e.acronym})` }))} />
        )}
        <SelectField t={t} name="type" label={t(`${P}.fields.type`)} value={filters.type ?? ''} placeholder={any} options={props.types.map((ty) => ({ value: ty.code, label: typeLabel(t, ty.code) }))} />
        <SelectField
          t={t}
          name="state"
          label={t(`${P}.fields.state`)}
          value={filters.state ?? ''}
          placeholder={any}
          options={[{ value: 'open', label: t(`${P}.queue.open`) }, ...STATES.map((s) => ({ value: s, label: stateLabel(t, s) }))]}
        />
        <SelectField
          t={t}
          name="due"
          label={t(`${P}.queue.due`)}
          value={filters.due ?? ''}
          placeholder={any}
          options={[
            { value: 'overdue', label: t(`${P}.queue.overdue`) },
            { value: 'soon', label: t(`${P}.queue.soon`) },
          ]}
        />
        <SelectField t={t} name="localidad" label={t(`${P}.fields.localidad`)} value={filters.localidad ?? ''} placeholder={any} options={props.localidades.map((l) => ({ value: l.code, label: `${l.number}. ${l.name}` }))} />
        <SelectField
          t={t}
          name="assigned"
          label={t(`${P}.fields.assignee`)}
          value={filters.assigned ?? ''}
          placeholder={any}
          options={[
            { value: 'me', label: t(`${P}.queue.assigned_me`) },
            { value: 'none', label: t(`${P}.queue.assigned_none`) },
          ]}
        />
        <button type="submit" class="button button-secondary">
          {t(`${P}.queue.apply`)}
        </button>
      </form>
      <p role="status">{t(`${P}.queue.count`, { count: props.total })}</p>
      {rows.length === 0 ? (
        <EmptyState title={t(`${P}.queue.empty`)} />
      ) : (
        <DataTable
          id="queue"
          caption={t(`${P}.queue.caption`)}
          columns={[
            { header: t(`${P}.fields.radicado`), cell: (r: QueueRow) => <a href={`/pqrs/gestion/${r.radicado}`}>{r.radicado}</a>, rowHeader: true },
            { header: t(`${P}.fields.type`), cell: (r: QueueRow) => typeLabel(t, r.type_code) },
            { header: t(`${P}.fields.subject`), cell: (r: QueueRow) => r.subject },
            { header: t(`${P}.fields.entity`), cell: (r: QueueRow) => r.entity_acronym },
            { header: t(`${P}.fields.filed_on`), cell: (r: QueueRow) => day(locale, r.filed_on) },
            {
              header: t(`${P}.fields.due_on`),
              cell: (r: QueueRow) => (
                <>
                  {day(locale, r.due_on)} <DueStatus t={t} state={r.state} dueOn={r.due_on} today={props.today} />
                </>
              ),
            },
            { header: t(`${P}.fields.state`), cell: (r: QueueRow) => stateLabel(t, r.state) },
            { header: t(`${P}.fields.assignee`), cell: (r: QueueRow) => r.assignee_name ?? t(`${P}.queue.unassigned`) },
          ]}
          rows={rows}
        />
      )}
      <Pagination t={t} page={props.page} pageCount={Math.ceil(props.total / QUEUE_PAGE_SIZE)} hrefFor={(page) => queueHref(filters, page)} />
    </Layout>
  );
}
