import { EmptyState } from '../../../core/views/components/content.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { servicePath, type Service } from '../services.queries.ts';
import { CHANNELS } from '../service-points.schema.ts';
import { describeCost } from './labels.ts';

export interface ServiceFilterValues {
  q: string;
  entity: string;
  channel: string;
  centre: string;
  localidad: string;
}

interface Option {
  value: string;
  label: string;
}

function FilterSelect(props: { id: string; label: string; any: string; value: string; options: Option[] }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.id}>
        <option value="">{props.any}</option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** `/tramites`: the Guía de trámites y servicios, searchable and filterable (a GET form). */
export function ServicesPage(props: {
  ctx: ViewContext;
  services: Service[];
  filters: ServiceFilterValues;
  entities: { code: string; acronym: string; name: string }[];
  centres: { slug: string; name: string }[];
  localidades: { code: string; name: string }[];
  canManage: boolean;
}) {
  const { ctx, services, filters } = props;
  const { t, locale } = ctx;
  const filtered = Object.values(filters).some(Boolean);
  return (
    <Layout ctx={ctx} title={t('service-points.catalogue.title')} description={t('service-points.catalogue.lead')} breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: t('service-points.catalogue.title') }]}>
      <h1>{t('service-points.catalogue.title')}</h1>
      <p class="lead">{t('service-points.catalogue.lead')}</p>
      <p>
        <a href="/puntos-de-atencion">{t('service-points.catalogue.to_centres')}</a>
        {props.canManage && (
          <>
            {' · '}
            <a href="/admin/tramites">{t('service-points.admin.catalogue_link')}</a>
          </>
        )}
      </p>
      <form method="get" action="/tramites" role="search" aria-labelledby="sp-catalogue-search" class="sp-filters">
        <h2 id="sp-catalogue-search">{t('service-points.catalogue.search_title')}</h2>
        <div class="field">
          <label for="q">{t('service-points.catalogue.q')}</label>
          <p class="hint" id="q-hint">
            {t('service-points.catalogue.q_hint')}
          </p>
          <input type="search" id="q" name="q" value={filters.q} maxLength={200} aria-describedby="q-hint" />
        </div>
        <FilterSelect id="entidad" label={t('service-points.catalogue.entity')} any={t('service-points.catalogue.any_entity')} value={filters.entity} options={props.entities.map((e) => ({ value: e.code, label: `${e.name} (${e.acronym})` }))} />
        <FilterSelect id="canal" label={t('service-points.catalogue.channel')} any={t('service-points.catalogue.any_channel')} value={filters.channel} options={CHANNELS.map((c) => ({ value: c, label: t(`service-points.channel.${c}`) }))} />
        <FilterSelect id="punto" label={t('service-points.catalogue.centre')} any={t('service-points.catalogue.any_centre')} value={filters.centre} options={props.centres.map((c) => ({ value: c.slug, label: c.name }))} />
        <FilterSelect id="localidad" label={t('service-points.filters.localidad')} any={t('service-points.filters.any_localidad')} value={filters.localidad} options={props.localidades.map((l) => ({ value: l.code, label: l.name }))} />
        <button type="submit" class="button">
          {t('service-points.catalogue.submit')}
        </button>{' '}
        {filtered && <a href="/tramites">{t('service-points.filters.clear')}</a>}
      </form>
      <h2 id="sp-catalogue-results">{t('service-points.catalogue.results', { count: services.length })}</h2>
      {services.length === 0 ? (
        <EmptyState title={t('service-points.catalogue.empty')}>
          <p>{t('service-points.catalogue.empty_hint')}</p>
        </EmptyState>
      ) : (
        <ul class="sp-services" aria-labelledby="sp-catalogue-results">
          {services.map((s) => (
            <li>
              <h3>
                <a href={servicePath(s.slug)}>{s.name}</a>
              </h3>
              <p>{s.summary}</p>
              <p class="hint">
                {s.entityName} · {t(`service-points.channel.${s.channel}`)} · {describeCost(t, locale, s)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
