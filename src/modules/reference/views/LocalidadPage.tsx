import { formatNumber } from '../../../core/i18n/i18n.ts';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { LocalidadesMap } from './LocalidadesMap.tsx';
import type { presentLocalidad } from '../reference.presenter.ts';

export function LocalidadPage(props: { ctx: ViewContext; localidad: ReturnType<typeof presentLocalidad> }) {
  const { ctx, localidad } = props;
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={localidad.name}
      description={t('reference.localidad.number', { number: String(localidad.number) })}
      breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/localidades', label: t('reference.localidades.title') }, { label: localidad.name }]}
    >
      <h1>{localidad.name}</h1>
      <p class="lead">{t('reference.localidad.number', { number: String(localidad.number) })}</p>
      <div class="with-map">
      <dl class="facts">
        <dt>{t('reference.localidad.code')}</dt>
        <dd>{localidad.code}</dd>
        <dt>{t('reference.localidad.act')}</dt>
        <dd>{localidad.administrativeAct}</dd>
        <dt>{t('reference.localidad.area')}</dt>
        <dd>{formatNumber(ctx.locale, localidad.areaKm2)}</dd>
        <dt>{t('reference.localidad.rural')}</dt>
        <dd>{localidad.hasRuralArea ? t('common.yes') : t('common.no')}</dd>
        {localidad.localMayoralty && (
          <>
            <dt>{t('reference.localidad.mayoralty')}</dt>
            <dd>{localidad.localMayoralty.name}</dd>
          </>
        )}
      </dl>
      <LocalidadesMap title={t('reference.map.title_one', { name: localidad.name })} caption={t('reference.map.caption_one')} highlight={localidad.code} />
      </div>
      <p class="hint">{t('reference.localidades.source')}</p>
      <p>
        <a href={`/api/v1/localidades/${localidad.code}`}>JSON</a>
      </p>
    </Layout>
  );
}
