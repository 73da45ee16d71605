import { EmptyState } from '../../../core/views/components/content.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { Centre } from '../centres.queries.ts';
import { adminCentrePath } from './AdminCentrePage.tsx';

/** `/admin/puntos-de-atencion`: the centres this official may manage (all of them for platform admins). */
export function AdminCentresPage(props: { ctx: ViewContext; centres: Centre[]; canManageCatalogue: boolean }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('service-points.admin.title')} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/puntos-de-atencion', label: t('service-points.centres.title') }, { label: t('service-points.admin.title') }]}>
      <h1>{t('service-points.admin.title')}</h1>
      <p class="lead">{t('service-points.admin.lead')}</p>
      {props.canManageCatalogue && (
        <p>
          <a href="/admin/tramites">{t('service-points.admin.catalogue_link')}</a>
        </p>
      )}
      {props.centres.length === 0 ? (
        <EmptyState title={t('service-points.admin.no_centres')} />
      ) : (
        <ul>
          {props.centres.map((c) => (
            <li>
              <a href={adminCentrePath(c.slug)}>{c.name}</a> <span class="badge">{t(`service-points.kind.${c.kind}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
