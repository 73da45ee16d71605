import type { ComponentChildren } from 'preact';
import { formatDate, formatNumber } from '../../../core/i18n/i18n.ts';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { Dataset, Resource } from '../catalogue.queries.ts';
import { datasetPath, resourceDownloadPath } from '../paths.ts';
import { Markdown } from './Markdown.tsx';

/** `/datos/conjuntos/<name>/recursos/<id>`: one resource, how to get it, and its data preview. */
export function ResourcePage(props: { ctx: ViewContext; dataset: Dataset; resource: Resource; preview?: ComponentChildren }) {
  const { ctx, dataset: d, resource: r } = props;
  const { t, locale } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={r.name}
      breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/datos', label: t('open-data.title') }, { href: datasetPath(d.name), label: d.title }, { label: r.name }]}
    >
      <h1>{r.name}</h1>
      {r.description && <Markdown source={r.description} />}
      <p>
        <a class="button" href={r.url ?? resourceDownloadPath(d.name, r.id)}>
          {r.url ? t('open-data.resource.open_link') : t('open-data.resource.download')} ({r.format})
        </a>
      </p>
      <dl class="facts">
        <dt>{t('open-data.resource.format')}</dt>
        <dd>{r.format}</dd>
        {r.size !== null && (
          <>
            <dt>{t('open-data.resource.size')}</dt>
            <dd>{t('open-data.resource.bytes', { size: formatNumber(locale, r.size) })}</dd>
          </>
        )}
        <dt>{t('open-data.dataset.modified')}</dt>
        <dd>{formatDate(locale, r.modifiedAt, true)}</dd>
        <dt>{t('open-data.resource.api')}</dt>
        <dd>
          <a href={`/api/3/action/resource_show?id=${r.id}`}>resource_show</a>
          {r.datastoreActive && (
            <>
              {' '}
              · <a href={`/api/3/action/datastore_search?resource_id=${r.id}`}>datastore_search</a>
            </>
          )}
        </dd>
      </dl>
      {props.preview}
    </Layout>
  );
}
