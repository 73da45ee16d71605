import type { FieldErrors } from '../../../core/http/errors.ts';
import { formatDate } from '../../../core/i18n/i18n.ts';
import { DataTable, EmptyState, Pagination } from '../../../core/views/components/content.tsx';
import { ErrorSummary, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { AuditRow } from '../admin.queries.ts';
import { adminCrumbs } from './labels.ts';

/** The audit filters as typed in the form (query-string names). */
export interface AuditFilterInput {
  action: string;
  actor: string;
  type: string;
  resource: string;
  from: string;
  to: string;
}

export const AUDIT_FILTER_FIELDS = ['action', 'actor', 'type', 'resource', 'from', 'to'] as const;

export function auditHref(filters: AuditFilterInput, page = 1): string {
  const params = new URLSearchParams();
  for (const name of AUDIT_FILTER_FIELDS) if (filters[name]) params.set(name, filters[name]);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/admin/auditoria?${query}` : '/admin/auditoria';
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** `/admin/auditoria`: the append-only audit log, filtered and paginated, with each change before and after. */
export function AuditLogPage(props: {
  ctx: ViewContext;
  filters: AuditFilterInput;
  errors?: FieldErrors;
  entries: AuditRow[];
  total: number;
  page: number;
  pageSize: number;
  expandChanges: boolean;
}) {
  const { ctx, filters } = props;
  const { t, locale } = ctx;
  const pageCount = Math.max(1, Math.ceil(props.total / props.pageSize));
  const labels = Object.fromEntries(AUDIT_FILTER_FIELDS.map((name) => [name, t(`admin.audit.filter.${name}`)]));
  const filtered = AUDIT_FILTER_FIELDS.some((name) => filters[name]);
  return (
    <Layout ctx={ctx} title={t('admin.audit.title')} breadcrumbs={[...adminCrumbs(t), { label: t('admin.audit.title') }]}>
      <h1>{t('admin.audit.title')}</h1>
      <p class="lead">{t('admin.audit.lead')}</p>
      <ErrorSummary t={t} errors={props.errors} labels={labels} />
      <form method="get" action="/admin/auditoria" aria-labelledby="audit-filters" noValidate>
        <fieldset>
          <legend id="audit-filters">{t('admin.audit.filters')}</legend>
          <TextField t={t} name="action" label={labels.action!} hint={t('admin.audit.filter.action_hint')} errors={props.errors} value={filters.action} maxLength={100} />
          <TextField t={t} name="actor" label={labels.actor!} hint={t('admin.audit.filter.actor_hint')} errors={props.errors} value={filters.actor} maxLength={200} />
          <TextField t={t} name="type" label={labels.type!} hint={t('admin.audit.filter.type_hint')} errors={props.errors} value={filters.type} maxLength={100} />
          <TextField t={t} name="resource" label={labels.resource!} errors={props.errors} value={filters.resource} maxLength={200} />
          <TextField t={t} name="from" type="date" label={labels.from!} hint={t('admin.audit.filter.date_hint')} errors={props.errors} value={filters.from} />
          <TextField t={t} name="to" type="date" label={labels.to!} hint={t('admin.audit.filter.date_hint')} errors={props.errors} value={filters.to} />
          <button type="submit">{t('admin.audit.apply')}</button> {filtered && <a href="/admin/auditoria">{t('admin.audit.clear')}</a>}
        </fieldset>
      </form>
      <p>{t('admin.audit.count', { count: props.total })}</p>
      {props.entries.length === 0 ? (
        <EmptyState title={filtered ? t('admin.audit.none_filtered') : t('admin.audit.none')} />
      ) : (
        <DataTable
          id="audit"
          caption={t('admin.audit.caption', { page: props.page, pages: pageCount })}
          rows={props.entries}
          columns={[
            { header: t('admin.audit.when'), cell: (e) => formatDate(locale, e.occurredAt, true) },
            {
              header: t('admin.audit.who'),
              cell: (e) => (
                <>
                  {e.actorLabel}
                  {e.actorEmail && (
                    <>
                      <br />
                      {e.actorEmail}
                    </>
                  )}
                </>
              ),
            },
            { header: t('admin.audit.action'), rowHeader: true, cell: (e) => <code>{e.action}</code> },
            {
              header: t('admin.audit.resource'),
              cell: (e) => (
                <>
                  {e.resourceType}
                  {e.resourceId && (
                    <>
                      <br />
                      <code>{e.resourceId}</code>
                    </>
                  )}
                </>
              ),
            },
            {
              header: t('admin.audit.changes'),
              cell: (e) =>
                e.before === null && e.after === null ? (
                  '—'
                ) : (
                  <details open={props.expandChanges}>
                    <summary>{t('admin.audit.show_changes')}</summary>
                    <p>{t('admin.audit.before')}</p>
                    <pre>{e.before === null ? '—' : pretty(e.before)}</pre>
                    <p>{t('admin.audit.after')}</p>
                    <pre>{e.after === null ? '—' : pretty(e.after)}</pre>
                  </details>
                ),
            },
          ]}
        />
      )}
      <Pagination t={t} page={props.page} pageCount={pageCount} hrefFor={(page) => auditHref(filters, page)} />
    </Layout>
  );
}
