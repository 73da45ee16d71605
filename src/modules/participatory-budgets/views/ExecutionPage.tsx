import { formatDate } from '../../../core/i18n/i18n.ts';
import { DataTable, EmptyState } from '../../../core/views/components/content.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { DenialReason } from '../../../core/permissions/permissions.ts';
import { editionPath, envelopePath, type Edition, type Envelope } from '../editions.queries.ts';
import type { ExecutionProject } from '../results.queries.ts';
import { copOf } from './results-labels.ts';
import { ExecutionStatusCell } from './ExecutionParts.tsx';
import { ResultsPending } from './ResultsPending.tsx';

/**
 * The winning projects of a localidad in execution: status, progress, responsible entity and the
 * latest note. Officials of the alcaldía local get a link to update each one; staff of another
 * entity see why they cannot.
 */
export function ExecutionPage(props: {
  ctx: ViewContext;
  edition: Edition;
  envelope: Envelope;
  projects: ExecutionProject[];
  published: boolean;
  canUpdate: boolean;
  /** Why a staff member may not update (null for citizens, who are not offered the action). */
  denial: DenialReason | null;
}) {
  const { ctx, edition, envelope, projects } = props;
  const { t, locale } = ctx;
  const k = (key: string, vars?: Record<string, string | number>) => t(`participatory-budgets.results.execution.${key}`, vars);
  const place = envelope.localidad_name ?? envelope.name;
  const base = envelopePath(edition, envelope);
  return (
    <Layout
      ctx={ctx}
      title={`${k('page_title', { place })} · ${edition.title}`}
      description={k('description', { place })}
      breadcrumbs={[
        { href: '/', label: t('nav.home') },
        { href: '/presupuestos-participativos', label: t('participatory-budgets.title') },
        { href: editionPath(edition), label: edition.title },
        { href: base, label: place },
        { label: k('breadcrumb') },
      ]}
    >
      <h1>{k('page_title', { place })}</h1>
      <p class="lead">{edition.title}</p>
      {!props.published ? (
        <ResultsPending ctx={ctx} edition={edition} />
      ) : projects.length === 0 ? (
        <EmptyState title={k('empty')} />
      ) : (
        <>
          <p>{k('intro')}</p>
          <DataTable
            id="execution"
            caption={k('caption', { place })}
            rows={projects}
            columns={[
              { header: k('project'), rowHeader: true, cell: (x) => <a href={`${editionPath(edition)}/propuestas/${x.number}`}>{`#${x.number} ${x.title}`}</a> },
              { header: k('cost'), numeric: true, cell: (x) => copOf(locale, x.cost) },
              { header: k('status_header'), cell: (x) => <ExecutionStatusCell ctx={ctx} project={x} /> },
              { header: k('entity'), cell: (x) => x.responsibleEntityName ?? '—' },
              { header: k('note'), cell: (x) => x.note || '—' },
              { header: k('updated'), cell: (x) => formatDate(locale, x.updatedAt) },
              ...(props.canUpdate
                ? [{ header: k('actions'), cell: (x: ExecutionProject) => <a href={`${base}/ejecucion/${x.number}`}>{k('update_link', { number: x.number })}</a> }]
                : []),
            ]}
          />
          {props.denial && (
            <p class="hint">
              {k('cannot_update')} {t(`reasons.${props.denial}`)}
            </p>
          )}
        </>
      )}
      <p>
        <a href={`${base}/resultados`}>{k('back_to_results', { place })}</a>
      </p>
    </Layout>
  );
}
