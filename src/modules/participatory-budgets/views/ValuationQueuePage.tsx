import { formatDate, formatNumber } from '../../../core/i18n/i18n.ts';
import { DataTable, EmptyState } from '../../../core/views/components/content.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { editionPath, envelopePath, type Edition, type Envelope } from '../editions.queries.ts';
import { proposalPath, type QueueItem } from '../proposals.queries.ts';
import { costLabel, statusLabel } from './ProposalLabels.ts';

const V = 'participatory-budgets.proposals.valuation.';

/** `/presupuestos-participativos/:slug/:envelope/valoracion`: what the alcaldía's valuators still have to decide. */
export function ValuationQueuePage(props: { ctx: ViewContext; edition: Edition; envelope: Envelope; pending: QueueItem[]; decided: QueueItem[] }) {
  const { ctx, edition, envelope } = props;
  const { t, locale } = ctx;
  const localidad = envelope.localidad_name ?? envelope.name;
  const title = t(`${V}queue_title`, { localidad });
  const columns = (withDate: boolean) => [
    {
      header: t(`${V}proposal`),
      rowHeader: true,
      cell: (p: QueueItem) => <a href={`${proposalPath(edition, p.number)}/valoracion`}>{`#${p.number} ${p.title}`}</a>,
    },
    { header: t(`${V}status`), cell: (p: QueueItem) => statusLabel(t, p.status) },
    { header: t(`${V}cost`), numeric: true, cell: (p: QueueItem) => costLabel(t, locale, p) },
    { header: t(`${V}supports`), numeric: true, cell: (p: QueueItem) => formatNumber(locale, p.supports) },
    ...(withDate ? [{ header: t(`${V}received`), cell: (p: QueueItem) => formatDate(locale, p.created_at) }] : []),
  ];
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: '/', label: t('nav.home') },
        { href: '/presupuestos-participativos', label: t('participatory-budgets.title') },
        { href: editionPath(edition), label: edition.title },
        { href: envelopePath(edition, envelope), label: localidad },
        { label: t(`${V}queue_crumb`) },
      ]}
    >
      <h1>{title}</h1>
      <p class="lead">{t(`${V}queue_lead`)}</p>
      <h2>{t(`${V}pending_heading`, { count: props.pending.length })}</h2>
      {props.pending.length === 0 ? (
        <EmptyState title={t(`${V}pending_none`)} />
      ) : (
        <DataTable id="pending" caption={t(`${V}pending_caption`)} rows={props.pending} columns={columns(true)} />
      )}
      <h2>{t(`${V}decided_heading`, { count: props.decided.length })}</h2>
      {props.decided.length === 0 ? (
        <EmptyState title={t(`${V}decided_none`)} />
      ) : (
        <DataTable id="decided" caption={t(`${V}decided_caption`)} rows={props.decided} columns={columns(false)} />
      )}
    </Layout>
  );
}
