import { formatNumber } from '../../../core/i18n/i18n.ts';
import { Pagination } from '../../../core/views/components/content.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { resourcePath } from '../paths.ts';
import { PREVIEW_PAGE_SIZE, type PreviewData, type PreviewQuery } from './preview.ts';

const ERRORS_SHOWN = 50;

/** Datastore download links of a resource (CSV, JSON, and GeoJSON when it has coordinates). */
export const datastoreDownloadPath = (datasetName: string, resourceId: string, extension: 'csv' | 'json' | 'geojson') => `${resourcePath(datasetName, resourceId)}/datos.${extension}`;

/**
 * The resource page's data section: the import's progress or error report, then the data as an
 * accessible table (caption, column and row headers) filtered, sorted and paged by GET links and
 * a GET form, so all of it works without JavaScript.
 */
export function DatastorePreview(props: { ctx: ViewContext; data: PreviewData }) {
  const { ctx, data } = props;
  const { t, locale } = ctx;
  const { query, table, status, resource } = data;
  const path = resourcePath(data.datasetName, resource.id);
  const href = (changes: Partial<PreviewQuery>) => {
    const next = { ...query, ...changes };
    const params = new URLSearchParams();
    if (next.q) params.set('q', next.q);
    if (next.field) (params.set('campo', next.field), params.set('valor', next.value));
    if (next.sort) (params.set('orden', next.sort), params.set('dir', next.direction));
    if (next.page > 1) params.set('pagina', String(next.page));
    const qs = params.toString();
    return `${path}${qs ? `?${qs}` : ''}#datos`;
  };
  const fieldIds = table ? table.fields.map((f) => f.id).filter((id) => id !== '_id') : [];
  const percent = status?.bytesTotal ? Math.min(100, Math.floor((status.bytesRead * 100) / status.bytesTotal)) : null;
  const from = table && table.records.length ? (query.page - 1) * PREVIEW_PAGE_SIZE + 1 : 0;
  return (
    <section id="datos" aria-labelledby="datos-heading">
      {status && status.state !== 'done' && (
        <div class="notice" role="status">
          <h2 id={table ? 'datos-status' : 'datos-heading'}>{t('open-data.datastore.status.heading')}</h2>
          {status.state === 'queued' && <p>{t('open-data.datastore.status.queued')}</p>}
          {status.state === 'running' && (
            <>
              <p>{t('open-data.datastore.status.running', { rows: formatNumber(locale, status.rows) })}</p>
              {percent !== null && (
                <p>
                  <label for="datos-progress">{t('open-data.datastore.status.progress')}</label>{' '}
                  <progress id="datos-progress" max={100} value={percent}>
                    {percent} %
                  </progress>{' '}
                  {percent} %
                </p>
              )}
            </>
          )}
          {status.state === 'failed' && <p>{t('open-data.datastore.status.failed', { message: status.message ?? '' })}</p>}
          {(status.state === 'queued' || status.state === 'running') && (
            <p>
              <a href={`${path}#datos`}>{t('open-data.datastore.status.refresh')}</a>
            </p>
          )}
        </div>
      )}
      {status && status.rejected > 0 && status.state !== 'running' && (
        <>
          <p>{t('open-data.datastore.status.done', { rows: formatNumber(locale, status.rows), rejected: formatNumber(locale, status.rejected) })}</p>
          <div class="table-wrap" role="region" aria-labelledby="datos-errors-caption" tabIndex={0}>
            <table>
              <caption id="datos-errors-caption">{t('open-data.datastore.errors.caption', { count: String(Math.min(ERRORS_SHOWN, status.errors.length)) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('open-data.datastore.errors.row')}</th>
                  <th scope="col">{t('open-data.datastore.errors.column')}</th>
                  <th scope="col">{t('open-data.datastore.errors.value')}</th>
                  <th scope="col">{t('open-data.datastore.errors.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {status.errors.slice(0, ERRORS_SHOWN).map((e) => (
                  <tr>
                    <th scope="row">{formatNumber(locale, e.row)}</th>
                    <td>{e.column ?? '—'}</td>
                    <td>{e.value ?? '—'}</td>
                    <td>{t(`open-data.datastore.reason.${e.reason}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {table && (
        <>
          <h2 id="datos-heading">{t('open-data.datastore.heading')}</h2>
          <p>
            {t('open-data.datastore.downloads')}:{' '}
            <a href={datastoreDownloadPath(data.datasetName, resource.id, 'csv')}>{t('open-data.datastore.download_csv')}</a>
            {' · '}
            <a href={datastoreDownloadPath(data.datasetName, resource.id, 'json')}>{t('open-data.datastore.download_json')}</a>
            {table.geo && (
              <>
                {' · '}
                <a href={datastoreDownloadPath(data.datasetName, resource.id, 'geojson')}>{t('open-data.datastore.download_geojson')}</a>
              </>
            )}
          </p>
          <form method="get" action={`${path}#datos`} class="datastore-filters">
            <fieldset>
              <legend>{t('open-data.datastore.filters')}</legend>
              <p>
                <label for="datos-q">{t('open-data.datastore.q')}</label>
                <input id="datos-q" name="q" type="search" value={query.q} maxLength={200} />
              </p>
              <p>
                <label for="datos-campo">{t('open-data.datastore.field')}</label>
                <select id="datos-campo" name="campo">
                  <option value="">{t('open-data.datastore.any_field')}</option>
                  {fieldIds.map((id) => (
                    <option value={id} selected={query.field === id}>
                      {id}
                    </option>
                  ))}
                </select>{' '}
                <label for="datos-valor">{t('open-data.datastore.value')}</label>
                <input id="datos-valor" name="valor" type="text" value={query.value} maxLength={200} />
              </p>
              <p>
                <label for="datos-orden">{t('open-data.datastore.sort')}</label>
                <select id="datos-orden" name="orden">
                  <option value="">_id</option>
                  {fieldIds.map((id) => (
                    <option value={id} selected={query.sort === id}>
                      {id}
                    </option>
                  ))}
                </select>{' '}
                <label for="datos-dir">{t('open-data.datastore.direction')}</label>
                <select id="datos-dir" name="dir">
                  <option value="asc" selected={query.direction === 'asc'}>
                    {t('open-data.datastore.asc')}
                  </option>
                  <option value="desc" selected={query.direction === 'desc'}>
                    {t('open-data.datastore.desc')}
                  </option>
                </select>
              </p>
              <p>
                <button type="submit">{t('open-data.datastore.apply')}</button> <a href={`${path}#datos`}>{t('open-data.datastore.clear')}</a>
              </p>
            </fieldset>
          </form>
          {data.invalid && (
            <p class="notice" role="alert">
              {t('open-data.datastore.invalid', { message: data.invalid })}
            </p>
          )}
          <p>{t('open-data.datastore.rows', { count: table.total })}</p>
          <div class="table-wrap" role="region" aria-labelledby="datos-caption" tabIndex={0}>
            <table>
              <caption id="datos-caption">
                {table.records.length
                  ? t('open-data.datastore.caption', { name: resource.name, from: formatNumber(locale, from), to: formatNumber(locale, from + table.records.length - 1), total: formatNumber(locale, table.total) })
                  : t('open-data.datastore.caption_empty', { name: resource.name })}
              </caption>
              <thead>
                <tr>
                  {table.fields.map((f) => {
                    const active = query.sort === f.id || (!query.sort && f.id === '_id');
                    const direction = active && query.direction === 'asc' ? 'desc' : 'asc';
                    return (
                      <th scope="col" class={f.type === 'int' || f.type === 'numeric' ? 'num' : undefined} aria-sort={active ? (query.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
                        <a href={href({ sort: f.id, direction, page: 1 })}>
                          {f.id}
                          <span class="visually-hidden">
                            {' '}
                            {active ? t(query.direction === 'asc' ? 'open-data.datastore.sorted_asc' : 'open-data.datastore.sorted_desc') : t('open-data.datastore.sort_by', { field: f.id })}
                          </span>
                        </a>
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {table.records.map((r) => (
                  <tr>
                    {table.fields.map((f, i) => {
                      const value = r[f.id];
                      const text = value === null || value === undefined ? '' : typeof value === 'boolean' ? (value ? '✓' : '✗') : String(value);
                      const cell = text === '' ? <span class="visually-hidden">{t('open-data.datastore.null')}</span> : text;
                      return i === 0 ? <th scope="row">{cell}</th> : <td class={f.type === 'int' || f.type === 'numeric' ? 'num' : undefined}>{cell}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination t={t} page={query.page} pageCount={Math.ceil(table.total / PREVIEW_PAGE_SIZE)} hrefFor={(page) => href({ page })} />
        </>
      )}
    </section>
  );
}
