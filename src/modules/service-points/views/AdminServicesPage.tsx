import { EmptyState } from '../../../core/views/components/content.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { Service } from '../services.queries.ts';

/** `/admin/tramites`: the catalogue entries this official may edit, and a link to add one. */
export function AdminServicesPage(props: { ctx: ViewContext; services: Service[] }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('service-points.admin.catalogue_title')} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/tramites', label: t('service-points.catalogue.title') }, { label: t('service-points.admin.catalogue_title') }]}>
      <h1>{t('service-points.admin.catalogue_title')}</h1>
      <p>
        <a class="button" href="/admin/tramites/nuevo">
          {t('service-points.admin.new_service')}
        </a>
      </p>
      {props.services.length === 0 ? (
        <EmptyState title={t('service-points.admin.no_services')} />
      ) : (
        <ul>
          {props.services.map((s) => (
            <li>
              <a href={`/admin/tramites/${s.slug}`}>{s.name}</a> ({s.entityAcronym})
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
