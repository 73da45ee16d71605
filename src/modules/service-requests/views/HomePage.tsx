import { DataTable } from '../../../core/views/components/content.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { RequestType } from '../service-requests.queries.ts';
import { P, typeLabel } from './parts.tsx';

/** "Bogotá te escucha": what can be filed, the legal terms, and the ways in. */
export function PqrsHomePage(props: { ctx: ViewContext; types: RequestType[]; canWork: boolean; canFileForCitizen: boolean }) {
  const { ctx, types } = props;
  const { t } = ctx;
  const title = t(`${P}.title`);
  return (
    <Layout ctx={ctx} title={title} description={t(`${P}.description`)} breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t(`${P}.home.lead`)}</p>
      <ul class="cards">
        <li class="card">
          <h2>{t(`${P}.home.file_title`)}</h2>
          <p>{t(`${P}.home.file_text`)}</p>
          <p>
            <a class="button" href="/pqrs/radicar">
              {t(`${P}.filing.title`)}
            </a>
          </p>
        </li>
        <li class="card">
          <h2>{t(`${P}.home.follow_title`)}</h2>
          <p>{t(`${P}.home.follow_text`)}</p>
          <p>
            <a class="button button-secondary" href="/pqrs/seguimiento">
              {t(`${P}.follow.title`)}
            </a>
          </p>
          {ctx.actor && (
            <p>
              <a href="/pqrs/mis-solicitudes">{t(`${P}.mine.title`)}</a>
            </p>
          )}
        </li>
        <li class="card">
          <h2>{t(`${P}.home.report_title`)}</h2>
          <p>{t(`${P}.home.report_text`)}</p>
          <p>
            <a href="/pqrs/informe">{t(`${P}.report.title`)}</a>
          </p>
          <p>
            <a href="/calendario">{t(`${P}.calendar.title`)}</a>
          </p>
        </li>
      </ul>
      {(props.canWork || props.canFileForCitizen) && (
        <nav aria-labelledby="staff-links">
          <h2 id="staff-links">{t(`${P}.home.staff_title`)}</h2>
          <ul>
            {props.canWork && (
              <li>
                <a href="/pqrs/gestion">{t(`${P}.queue.title`)}</a>
              </li>
            )}
            {props.canWork && (
              <li>
                <a href="/pqrs/gestion/tablero">{t(`${P}.dashboard.title`)}</a>
              </li>
            )}
            {props.canFileForCitizen && (
              <li>
                <a href="/pqrs/ventanilla">{t(`${P}.desk.title`)}</a>
              </li>
            )}
          </ul>
        </nav>
      )}
      <h2 id="tipologia">{t(`${P}.home.types_title`)}</h2>
      <p>{t(`${P}.home.types_lead`)}</p>
      <DataTable
        id="pqrs-types"
        caption={t(`${P}.home.types_caption`)}
        columns={[
          { header: t(`${P}.fields.type`), cell: (row: RequestType) => typeLabel(t, row.code), rowHeader: true },
          { header: t(`${P}.home.definition`), cell: (row: RequestType) => t(`${P}.type_help.${row.code}`) },
          { header: t(`${P}.home.term`), cell: (row: RequestType) => t(`${P}.home.days`, { count: row.term_days }), numeric: true },
          { header: t(`${P}.home.max_extension`), cell: (row: RequestType) => t(`${P}.home.days`, { count: row.max_extension_days }), numeric: true },
          { header: t(`${P}.home.basis`), cell: (row: RequestType) => row.legal_basis },
        ]}
        rows={types}
      />
      <p>{t(`${P}.home.terms_rule`)}</p>
    </Layout>
  );
}
