import { DataTable, EmptyState } from '../../../core/views/components/content.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { centrePath } from '../centres.queries.ts';
import { GUIDE_URL } from '../network.data.ts';
import type { OpenState } from '../schedule.ts';
import type { Offering, Service } from '../services.queries.ts';
import { describeCost, describeOpenState } from './labels.ts';

/** `/tramites/<slug>`: one entry of the catalogue and where it is offered. */
export function ServicePage(props: { ctx: ViewContext; service: Service; offerings: (Offering & { state: OpenState })[]; now: Date; canManage: boolean }) {
  const { ctx, service } = props;
  const { t, locale } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={service.name}
      description={service.summary}
      breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/tramites', label: t('service-points.catalogue.title') }, { label: service.name }]}
    >
      <h1>{service.name}</h1>
      {service.summary && <p class="lead">{service.summary}</p>}
      <dl class="facts">
        <dt>{t('service-points.service.entity')}</dt>
        <dd>
          {service.entityName} ({service.entityAcronym})
        </dd>
        <dt>{t('service-points.service.channel')}</dt>
        <dd>{t(`service-points.channel.${service.channel}`)}</dd>
        <dt>{t('service-points.service.cost')}</dt>
        <dd>
          {describeCost(t, locale, service)}
          {service.costNote && (
            <>
              <br />
              {service.costNote}
            </>
          )}
        </dd>
      </dl>
      {service.onlineUrl && (
        <p>
          <a class="button" href={service.onlineUrl}>
            {service.channel === 'in_person' ? t('service-points.service.more_online') : t('service-points.service.do_online')}
          </a>
        </p>
      )}
      {props.canManage && (
        <p>
          <a class="button button-secondary" href={`/admin/tramites/${service.slug}`}>
            {t('service-points.admin.edit_service')}
          </a>
        </p>
      )}
      <h2 id="requirements">{t('service-points.service.requirements')}</h2>
      {service.requirements.length === 0 ? (
        <p>{t('service-points.service.no_requirements')}</p>
      ) : (
        <ul>
          {service.requirements.map((r) => (
            <li>{r}</li>
          ))}
        </ul>
      )}
      <p class="hint">
        {t('service-points.service.check_guide')} <a href={GUIDE_URL}>{t('service-points.service.guide')}</a>
      </p>
      <h2 id="where">{t('service-points.service.where')}</h2>
      {props.offerings.length === 0 ? (
        <EmptyState title={t('service-points.service.nowhere')} />
      ) : (
        <DataTable
          id="sp-where"
          caption={t('service-points.service.where_caption')}
          rows={props.offerings}
          columns={[
            { header: t('service-points.service.centre'), rowHeader: true, cell: (o) => <a href={centrePath(o.centreSlug)}>{o.centreName}</a> },
            { header: t('service-points.centre.localidad_label'), cell: (o) => o.localidadName ?? '—' },
            { header: t('service-points.service.open_now'), cell: (o) => describeOpenState(t, locale, o.state, props.now) },
            {
              header: t('service-points.centre.turns'),
              cell: (o) =>
                o.slotMinutes !== null ? (
                  <a href={`/puntos-de-atencion/${o.centreSlug}/turnos?servicio=${service.slug}`}>
                    {t('service-points.centre.book_service')}
                    <span class="visually-hidden">: {o.centreName}</span>
                  </a>
                ) : (
                  t('service-points.centre.walk_in')
                ),
            },
          ]}
        />
      )}
      {service.sourceUrl && (
        <p class="hint">
          {t('service-points.centre.source')} <a href={service.sourceUrl}>{service.sourceUrl}</a>
        </p>
      )}
    </Layout>
  );
}
