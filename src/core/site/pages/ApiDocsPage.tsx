import { Layout } from '../../views/Layout.tsx';
import type { ViewContext } from '../../views/view-context.ts';

type Json = Record<string, any>;

function typeOf(schema: Json | undefined): string {
  if (!schema) return '—';
  if (schema.enum) return schema.enum.map(String).join(' | ');
  if (schema.type === 'array') return `${typeOf(schema.items)}[]`;
  if (Array.isArray(schema.type)) return schema.type.join(' | ');
  return schema.type ?? (schema.anyOf ? schema.anyOf.map(typeOf).join(' | ') : 'object');
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Renders the OpenAPI document as plain, accessible HTML (no client-side viewer needed). */
export function ApiDocsPage(props: { ctx: ViewContext; document: Json }) {
  const { ctx, document } = props;
  const { t } = ctx;
  const paths = Object.entries((document.paths ?? {}) as Record<string, Json>).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Layout ctx={ctx} title={t('pages.api_docs.title')} breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: t('pages.api_docs.title') }]}>
      <h1>{t('pages.api_docs.title')}</h1>
      <p class="lead">{t('pages.api_docs.lead')}</p>
      <p>
        <a href="/api/v1/openapi.json">{t('pages.api_docs.download')}</a> · OpenAPI {document.openapi}
      </p>
      <nav aria-labelledby="api-toc">
        <h2 id="api-toc">Endpoints</h2>
        <ul>
          {paths.flatMap(([path, item]) =>
            METHODS.filter((m) => item[m]).map((m) => (
              <li>
                <a href={`#${m}-${path.replace(/[^a-z0-9]+/gi, '-')}`}>
                  <code>
                    {m.toUpperCase()} {path}
                  </code>
                </a>
              </li>
            )),
          )}
        </ul>
      </nav>
      {paths.flatMap(([path, item]) =>
        METHODS.filter((m) => item[m]).map((m) => {
          const op = item[m] as Json;
          const id = `${m}-${path.replace(/[^a-z0-9]+/gi, '-')}`;
          const params = (op.parameters ?? []) as Json[];
          return (
            <section aria-labelledby={id}>
              <h2 id={id}>
                <span class={`badge method-${m}`}>{m.toUpperCase()}</span> <code>{path}</code>
              </h2>
              {op.summary && <p>{op.summary}</p>}
              {op.description && <p>{op.description}</p>}
              {params.length > 0 && (
                <div class="table-wrap">
                  <table>
                    <caption>{t('pages.api_docs.parameters')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('pages.api_docs.name')}</th>
                        <th scope="col">{t('pages.api_docs.in')}</th>
                        <th scope="col">{t('pages.api_docs.type')}</th>
                        <th scope="col">{t('pages.api_docs.required')}</th>
                        <th scope="col">{t('pages.api_docs.description')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {params.map((p) => (
                        <tr>
                          <th scope="row">
                            <code>{p.name}</code>
                          </th>
                          <td>{p.in}</td>
                          <td>{typeOf(p.schema)}</td>
                          <td>{p.required ? t('common.yes') : t('common.no')}</td>
                          <td>{p.description ?? p.schema?.description ?? ''}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <h3>{t('pages.api_docs.responses')}</h3>
              <ul>
                {Object.entries((op.responses ?? {}) as Record<string, Json>).map(([status, response]) => (
                  <li>
                    <strong>{status}</strong> {response.description}
                  </li>
                ))}
              </ul>
            </section>
          );
        }),
      )}
    </Layout>
  );
}
