import type { ComponentChildren } from 'preact';
import { DataTable } from '../../../core/views/components/content.tsx';
import { formatDate } from '../../../core/i18n/i18n.ts';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { licenceOf } from '../catalogue.data.ts';
import type { Dataset } from '../catalogue.queries.ts';
import { datasetPath, resourceDownloadPath, resourcePath } from '../paths.ts';
import { Markdown, plainSummary } from './Markdown.tsx';

/** The community part of the page, rendered with the page's view context. */
export type CommunitySlot = (ctx: ViewContext) => ComponentChildren;

/** `/datos/conjuntos/<name>`: one dataset, its resources, metadata in every format, and its community. */
export function DatasetPage(props: { ctx: ViewContext; dataset: Dataset; localidadNames: ReadonlyMap<string, string>; canManage: boolean; community?: ComponentChildren | CommunitySlot }) {
  const { ctx, dataset: d } = props;
  const { t, locale } = ctx;
  const licence = licenceOf(d.licenseId);
  const base = datasetPath(d.name);
  return (
    <Layout ctx={ctx} title={d.title} description={plainSummary(d.notes)} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/datos', label: t('open-data.title') }, { label: d.title }]}>
      <h1>{d.title}</h1>
      {d.private && <p class="notice">{t('open-data.dataset.private_notice')}</p>}
      {props.canManage && !d.sourceExport && (
        <p>
          <a class="button button-secondary" href={`${base}/editar`}>
            {t('open-data.manage.edit')}
          </a>{' '}
          <a class="button button-secondary" href={`${base}/recursos/nuevo`}>
            {t('open-data.manage.add_resource')}
          </a>
        </p>
      )}
      <Markdown source={d.notes} headingLevel={3} />
      {d.tags.length > 0 && (
        <p>
          {t('open-data.field.tags')}:{' '}
          {d.tags.map((tag, i) => (
            <>
              {i > 0 && ', '}
              <a href={`/datos?etiqueta=${encodeURIComponent(tag.name)}`}>{tag.name}</a>
            </>
          ))}
        </p>
      )}
      <h2 id="resources">{t('open-data.dataset.resources')}</h2>
      {d.resources.length === 0 ? (
        <p>{t('open-data.dataset.no_resources')}</p>
      ) : (
        <DataTable
          id="od-resources"
          caption={t('open-data.dataset.resources_caption')}
          rows={d.resources}
          columns={[
            { header: t('open-data.resource.name'), rowHeader: true, cell: (r) => <a href={resourcePath(d.name, r.id)}>{r.name}</a> },
            { header: t('open-data.resource.format'), cell: (r) => r.format },
            {
              header: t('open-data.resource.access'),
              cell: (r) => (
                <a href={r.url ?? resourceDownloadPath(d.name, r.id)}>
                  {r.url ? t('open-data.resource.open_link') : t('open-data.resource.download')}
                  <span class="visually-hidden">: {r.name}</span>
                </a>
              ),
            },
          ]}
        />
      )}
      <h2 id="info">{t('open-data.dataset.info')}</h2>
      <dl class="facts">
        <dt>{t('open-data.field.organization')}</dt>
        <dd>
          <a href={`/datos?entidad=${d.organization.code}`}>{d.organization.name}</a>
        </dd>
        <dt>{t('open-data.field.group')}</dt>
        <dd>{d.group.title}</dd>
        <dt>{t('open-data.field.licence')}</dt>
        <dd>{licence.url ? <a href={licence.url}>{licence.title}</a> : licence.title}</dd>
        <dt>{t('open-data.field.frequency')}</dt>
        <dd>{t(`open-data.frequency.${d.frequency}`)}</dd>
        <dt>{t('open-data.field.localidades')}</dt>
        <dd>{d.localidades.length ? d.localidades.map((c) => props.localidadNames.get(c) ?? c).join(', ') : t('open-data.facet.whole_district')}</dd>
        {(d.temporalStart || d.temporalEnd) && (
          <>
            <dt>{t('open-data.dataset.temporal')}</dt>
            <dd>
              {d.temporalStart ? formatDate(locale, d.temporalStart) : '…'} – {d.temporalEnd ? formatDate(locale, d.temporalEnd) : '…'}
            </dd>
          </>
        )}
        <dt>{t('open-data.dataset.contact')}</dt>
        <dd>
          {d.contactName} (<a href={`mailto:${d.contactEmail}`}>{d.contactEmail}</a>)
        </dd>
        <dt>{t('open-data.dataset.created')}</dt>
        <dd>{formatDate(locale, d.createdAt, true)}</dd>
        <dt>{t('open-data.dataset.modified')}</dt>
        <dd>
          {formatDate(locale, d.modifiedAt, true)} ({t('open-data.manage.version')} {d.version})
        </dd>
      </dl>
      {Object.keys(d.extras).length > 0 && (
        <DataTable
          id="od-extras"
          caption={t('open-data.dataset.extras')}
          rows={Object.entries(d.extras)}
          columns={[
            { header: t('open-data.dataset.extra_field'), rowHeader: true, cell: ([k]) => k },
            { header: t('open-data.dataset.extra_value'), cell: ([, v]) => v },
          ]}
        />
      )}
      <h2 id="metadata">{t('open-data.dataset.metadata')}</h2>
      <ul>
        <li>
          <a href={`/dataset/${d.name}.ttl`}>DCAT-AP (Turtle)</a>
        </li>
        <li>
          <a href={`/dataset/${d.name}.jsonld`}>DCAT-AP (JSON-LD)</a>
        </li>
        <li>
          <a href={`/dataset/${d.name}.rdf`}>DCAT-AP (RDF/XML)</a>
        </li>
        <li>
          <a href={`/api/3/action/package_show?id=${d.name}`}>CKAN API (package_show)</a>
        </li>
      </ul>
      {typeof props.community === 'function' ? props.community(ctx) : props.community}
    </Layout>
  );
}
