import { DataTable, EmptyState } from '../../../core/views/components/content.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { MineRow } from '../service-requests.queries.ts';
import { DueStatus, P, day, stateLabel, typeLabel } from './parts.tsx';

/** "Mis solicitudes": what the signed-in person filed from their account. */
export function MyRequestsPage(props: { ctx: ViewContext; rows: MineRow[]; today: string }) {
  const { ctx, rows } = props;
  const { t, locale } = ctx;
  const title = t(`${P}.mine.title`);
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/pqrs', label: t(`${P}.title`) }, { label: title }]}>
      <h1>{title}</h1>
      {rows.length === 0 ? (
        <EmptyState title={t(`${P}.mine.empty`)}>
          <p>
            <a href="/pqrs/radicar">{t(`${P}.filing.title`)}</a>
          </p>
        </EmptyState>
      ) : (
        <DataTable
          id="my-requests"
          caption={t(`${P}.mine.caption`, { count: rows.length })}
          columns={[
            { header: t(`${P}.fields.radicado`), cell: (r: MineRow) => <a href={`/pqrs/seguimiento/${r.radicado}`}>{r.radicado}</a>, rowHeader: true },
            { header: t(`${P}.fields.type`), cell: (r: MineRow) => typeLabel(t, r.type_code) },
            { header: t(`${P}.fields.subject`), cell: (r: MineRow) => r.subject },
            { header: t(`${P}.fields.entity`), cell: (r: MineRow) => r.entity_name },
            { header: t(`${P}.fields.filed_on`), cell: (r: MineRow) => day(locale, r.filed_on) },
            {
              header: t(`${P}.fields.state`),
              cell: (r: MineRow) => (
                <>
                  {stateLabel(t, r.state)} <DueStatus t={t} state={r.state} dueOn={r.due_on} today={props.today} />
                </>
              ),
            },
          ]}
          rows={rows}
        />
      )}
    </Layout>
  );
}
