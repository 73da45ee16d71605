import { formatNumber } from '../../../core/i18n/i18n.ts';
import { DataTable } from '../../../core/views/components/content.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { LocalidadesMap } from './LocalidadesMap.tsx';
import { areaKm2 } from '../reference.presenter.ts';
import type { listLocalidades } from '../reference.queries.ts';

type Row = Awaited<ReturnType<typeof listLocalidades>>[number];

export function LocalidadesPage(props: { ctx: ViewContext; localidades: Row[] }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('reference.localidades.title')} description={t('reference.localidades.lead')} breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: t('reference.localidades.title') }]}>
      <h1>{t('reference.localidades.title')}</h1>
      <p class="lead">{t('reference.localidades.lead')}</p>
      <div class="with-map">
      <DataTable
        id="localidades"
        caption={t('reference.localidades.caption')}
        rows={props.localidades}
        columns={[
          { header: t('reference.localidad.code'), cell: (l) => l.code },
          { header: t('reference.localidad.name'), rowHeader: true, cell: (l) => <a href={`/localidades/${l.code}`}>{l.name}</a> },
          { header: t('reference.localidad.act'), cell: (l) => l.administrative_act },
          { header: t('reference.localidad.area'), numeric: true, cell: (l) => formatNumber(ctx.locale, areaKm2(l.area_m2)) },
          { header: t('reference.localidad.rural'), cell: (l) => (l.has_rural_area ? t('common.yes') : t('common.no')) },
        ]}
      />
      <LocalidadesMap title={t('reference.map.title')} caption={t('reference.map.caption')} />
      </div>
      <p class="hint">{t('reference.localidades.source')}</p>
      <p>
        <a href="/api/v1/localidades">JSON</a> · <a href="/api/v1/localidades/limites.geojson">GeoJSON</a>
      </p>
    </Layout>
  );
}
