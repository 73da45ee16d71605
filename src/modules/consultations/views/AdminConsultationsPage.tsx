import { formatDate } from '../../../core/i18n/i18n.ts';
import { DataTable, EmptyState } from '../../../core/views/components/content.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { ADMIN_PATH, adminPath, type Consultation } from '../consultations.queries.ts';

/** Back office: the consultations of the entities the person runs, with their state. */
export function AdminConsultationsPage(props: { ctx: ViewContext; consultations: Consultation[]; canCreate: boolean }) {
  const { ctx, consultations } = props;
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('consultations.admin.title')} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/consultas', label: t('consultations.title') }, { label: t('consultations.admin.title') }]}>
      <h1>{t('consultations.admin.title')}</h1>
      <p>{t('consultations.admin.intro')}</p>
      {props.canCreate && (
        <p>
          <a class="button" href={`${ADMIN_PATH}/nueva`}>
            {t('consultations.admin.new')}
          </a>
        </p>
      )}
      {consultations.length === 0 ? (
        <EmptyState title={t('consultations.admin.empty')} />
      ) : (
        <DataTable
          id="consultas"
          caption={t('consultations.admin.list_caption')}
          rows={consultations}
          columns={[
            { header: t('consultations.admin.fields.title'), rowHeader: true, cell: (c) => <a href={adminPath(c)}>{c.title}</a> },
            { header: t('consultations.admin.fields.entity'), cell: (c) => c.entity_acronym },
            { header: t('consultations.admin.state'), cell: (c) => t(`consultations.state.${c.state}`) },
            { header: t('consultations.admin.fields.opens_at'), cell: (c) => formatDate(locale, c.opens_at, true) },
            { header: t('consultations.admin.fields.closes_at'), cell: (c) => formatDate(locale, c.closes_at, true) },
          ]}
        />
      )}
    </Layout>
  );
}
