import { EmptyState } from '../../../core/views/components/content.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { centrePath, type Centre } from '../centres.queries.ts';
import type { OpenState } from '../schedule.ts';
import { ACCESSIBILITY_FEATURES, CENTRE_KINDS } from '../service-points.schema.ts';
import { CentresMap } from './CentresMap.tsx';
import { describeOpenState } from './labels.ts';

export type ListedCentre = Centre & { state: OpenState };

export interface CentreFilterValues {
  localidad: string;
  kind: string;
  open: boolean;
  accessibility: string[];
}

/** `/puntos-de-atencion`: the list (primary content) with filters, and the map as a companion. */
export function CentresPage(props: { ctx: ViewContext; centres: ListedCentre[]; filters: CentreFilterValues; localidades: { code: string; name: string }[]; now: Date; canManage: boolean }) {
  const { ctx, centres, filters } = props;
  const { t, locale } = ctx;
  const filtered = Boolean(filters.localidad || filters.kind || filters.open || filters.accessibility.length);
  return (
    <Layout ctx={ctx} title={t('service-points.centres.title')} description={t('service-points.description')} breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: t('service-points.centres.title') }]}>
      <h1>{t('service-points.centres.title')}</h1>
      <p class="lead">{t('service-points.centres.lead')}</p>
      <p>
        <a href="/tramites">{t('service-points.centres.to_catalogue')}</a> · <a href="/turnos">{t('service-points.centres.to_lookup')}</a>
        {props.canManage && (
          <>
            {' · '}
            <a href="/admin/puntos-de-atencion">{t('service-points.admin.link')}</a>
          </>
        )}
      </p>
      <form method="get" action="/puntos-de-atencion" class="sp-filters" aria-labelledby="sp-filters-title">
        <h2 id="sp-filters-title">{t('service-points.filters.title')}</h2>
        <div class="field">
          <label for="localidad">{t('service-points.filters.localidad')}</label>
          <select id="localidad" name="localidad">
            <option value="">{t('service-points.filters.any_localidad')}</option>
            {props.localidades.map((l) => (
              <option value={l.code} selected={filters.localidad === l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="tipo">{t('service-points.filters.kind')}</label>
          <select id="tipo" name="tipo">
            <option value="">{t('service-points.filters.any_kind')}</option>
            {CENTRE_KINDS.map((k) => (
              <option value={k} selected={filters.kind === k}>
                {t(`service-points.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field sp-check">
          <input type="checkbox" id="abierto" name="abierto" value="1" checked={filters.open} />
          <label for="abierto">{t('service-points.filters.open_now')}</label>
        </div>
        <fieldset class="field">
          <legend>{t('service-points.filters.accessibility')}</legend>
          {ACCESSIBILITY_FEATURES.map((f) => (
            <div class="sp-check">
              <input type="checkbox" id={`acc-${f}`} name="accesibilidad" value={f} checked={filters.accessibility.includes(f)} />
              <label for={`acc-${f}`}>{t(`service-points.accessibility.${f}`)}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="button">
          {t('service-points.filters.apply')}
        </button>{' '}
        {filtered && <a href="/puntos-de-atencion">{t('service-points.filters.clear')}</a>}
      </form>

      <h2 id="sp-results">{t('service-points.centres.results', { count: centres.length })}</h2>
      <div class="sp-with-map">
        <div>
          {centres.length === 0 ? (
            <EmptyState title={t('service-points.centres.empty')}>
              <p>
                <a href="/puntos-de-atencion">{t('service-points.filters.clear')}</a>
              </p>
            </EmptyState>
          ) : (
            <ul class="cards sp-centres" aria-labelledby="sp-results">
              {centres.map((c) => (
                <li class="card pillar-services">
                  <h3>
                    <a href={centrePath(c.slug)}>{c.name}</a>
                  </h3>
                  <p>
                    <span class="badge">{t(`service-points.kind.${c.kind}`)}</span>{' '}
                    <strong class={c.state.open ? 'sp-open' : 'sp-closed'}>{describeOpenState(t, locale, c.state, props.now)}</strong>
                  </p>
                  <p>
                    {c.address ?? (c.kind === 'movil' ? t('service-points.centre.moving') : t('service-points.centre.no_address'))}
                    {c.localidadName && (
                      <>
                        <br />
                        {t('service-points.centre.localidad', { name: c.localidadName })}
                      </>
                    )}
                  </p>
                  {c.accessibility.length > 0 && (
                    <p class="hint">
                      {t('service-points.centre.accessibility_short')}: {c.accessibility.map((f) => t(`service-points.accessibility.${f}`)).join(', ')}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
        <CentresMap t={t} centres={centres} />
      </div>
    </Layout>
  );
}
