import { DataTable, EmptyState } from '../../../core/views/components/content.tsx';
import { formatDate } from '../../../core/i18n/i18n.ts';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { Dataset } from '../catalogue.queries.ts';
import { datasetPath } from '../paths.ts';

/** `/datos/gestion`: the datasets an official may edit (their entities'), private ones included. */
export function ManagePage(props: { ctx: ViewContext; datasets: Dataset[] }) {
  const { ctx } = props;
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('open-data.manage.title')} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/datos', label: t('open-data.title') }, { label: t('open-data.manage.title') }]}>
      <h1>{t('open-data.manage.title')}</h1>
      <p>
        <a class="button" href="/datos/gestion/nuevo">
          {t('open-data.manage.new_title')}
        </a>
      </p>
      {props.datasets.length === 0 ? (
        <EmptyState title={t('open-data.manage.none')} />
      ) : (
        <DataTable
          id="od-manage"
          caption={t('open-data.manage.caption')}
          rows={props.datasets}
          columns={[
            { header: t('open-data.field.title'), rowHeader: true, cell: (d) => <a href={datasetPath(d.name)}>{d.title}</a> },
            { header: t('open-data.field.organization'), cell: (d) => d.organization.acronym },
            { header: t('open-data.manage.state'), cell: (d) => (d.state === 'deleted' ? t('open-data.manage.deleted') : d.private ? t('open-data.manage.private') : t('open-data.manage.public')) },
            { header: t('open-data.manage.version'), cell: (d) => String(d.version) },
            { header: t('open-data.dataset.modified'), cell: (d) => formatDate(locale, d.modifiedAt, true) },
            {
              header: t('open-data.manage.actions'),
              cell: (d) =>
                d.sourceExport ? (
                  t('open-data.manage.automatic')
                ) : (
                  <>
                    <a href={`${datasetPath(d.name)}/editar`}>
                      {t('open-data.manage.edit')}
                      <span class="visually-hidden">: {d.title}</span>
                    </a>{' '}
                    ·{' '}
                    <a href={`${datasetPath(d.name)}/recursos/nuevo`}>
                      {t('open-data.manage.add_resource')}
                      <span class="visually-hidden">: {d.title}</span>
                    </a>
                  </>
                ),
            },
          ]}
        />
      )}
    </Layout>
  );
}
