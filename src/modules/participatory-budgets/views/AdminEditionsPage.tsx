import { formatDate } from '../../../core/i18n/i18n.ts';
import { DataTable, EmptyState } from '../../../core/views/components/content.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { Edition } from '../editions.queries.ts';

export const ADMIN_PATH = '/admin/presupuestos-participativos';

/** Back office: every edition with its phase and a link to configure it. */
export function AdminEditionsPage(props: { ctx: ViewContext; editions: Edition[] }) {
  const { ctx, editions } = props;
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('participatory-budgets.admin.title')} breadcrumbs={[{ href: '/admin', label: t('admin.title') }, { label: t('participatory-budgets.admin.title') }]}>
      <h1>{t('participatory-budgets.admin.title')}</h1>
      <p>
        <a class="button" href={`${ADMIN_PATH}/nueva`}>
          {t('participatory-budgets.admin.new')}
        </a>
      </p>
      {editions.length === 0 ? (
        <EmptyState title={t('participatory-budgets.editions.empty')} />
      ) : (
        <DataTable
          caption={t('participatory-budgets.admin.list_caption')}
          rows={editions}
          columns={[
            { header: t('participatory-budgets.admin.fields.title'), rowHeader: true, cell: (e) => <a href={`${ADMIN_PATH}/${e.slug}`}>{e.title}</a> },
            { header: t('participatory-budgets.admin.phase'), cell: (e) => t(`participatory-budgets.phase.${e.phase}`) },
            { header: t('participatory-budgets.admin.fields.voting_close_at'), cell: (e) => formatDate(locale, e.voting_close_at, true) },
            { header: t('participatory-budgets.admin.public_page'), cell: (e) => <a href={`/presupuestos-participativos/${e.slug}`}>{`/presupuestos-participativos/${e.slug}`}</a> },
          ]}
        />
      )}
    </Layout>
  );
}
