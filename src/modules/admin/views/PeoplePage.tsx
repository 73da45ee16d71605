import { DataTable, EmptyState, Pagination } from '../../../core/views/components/content.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { PersonSummary } from '../admin.queries.ts';
import { accountStatus, adminCrumbs, levelLabel, roleWithEntity } from './labels.ts';

export const peopleHref = (q: string, page = 1) => {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/admin/usuarios?${query}` : '/admin/usuarios';
};

/** `/admin/usuarios`: search people by e-mail or name; each shows verification level, roles and status. */
export function PeoplePage(props: { ctx: ViewContext; q: string; page: number; pageSize: number; total: number; people: PersonSummary[] }) {
  const { ctx, q } = props;
  const { t } = ctx;
  const pageCount = Math.max(1, Math.ceil(props.total / props.pageSize));
  return (
    <Layout ctx={ctx} title={t('admin.people.title')} breadcrumbs={[...adminCrumbs(t), { label: t('admin.people.title') }]}>
      <h1>{t('admin.people.title')}</h1>
      <p class="lead">{t('admin.people.lead')}</p>
      <form method="get" action="/admin/usuarios" role="search" aria-label={t('admin.people.search_label')}>
        <div class="field">
          <label for="people-q">{t('admin.people.search_label')}</label>
          <p class="hint" id="people-q-hint">
            {t('admin.people.search_hint')}
          </p>
          <input id="people-q" name="q" type="search" value={q} maxLength={200} aria-describedby="people-q-hint" />{' '}
          <button type="submit">{t('admin.people.search_submit')}</button>
        </div>
      </form>
      <p>{q ? t('admin.people.count_for', { count: props.total, q }) : t('admin.people.count', { count: props.total })}</p>
      {props.people.length === 0 ? (
        <EmptyState title={q ? t('admin.people.none_for', { q }) : t('admin.people.none')} />
      ) : (
        <DataTable
          id="people"
          caption={t('admin.people.caption', { page: props.page, pages: pageCount })}
          rows={props.people}
          columns={[
            { header: t('admin.people.name'), rowHeader: true, cell: (p) => <a href={`/admin/usuarios/${p.id}`}>{p.displayName}</a> },
            { header: t('admin.people.email'), cell: (p) => p.email },
            { header: t('admin.people.level'), cell: (p) => levelLabel(t, p.level) },
            {
              header: t('admin.people.roles'),
              cell: (p) => (p.roles.length ? p.roles.map((r) => roleWithEntity(t, r)).join(', ') : t('admin.people.no_roles')),
            },
            { header: t('admin.people.status'), cell: (p) => accountStatus(t, p) },
          ]}
        />
      )}
      <Pagination t={t} page={props.page} pageCount={pageCount} hrefFor={(page) => peopleHref(q, page)} />
    </Layout>
  );
}
