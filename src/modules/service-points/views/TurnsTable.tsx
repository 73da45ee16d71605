import type { ComponentChildren } from 'preact';
import { DataTable, EmptyState } from '../../../core/views/components/content.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { bogotaClock } from '../bogota-clock.ts';
import type { Booking } from '../bookings.queries.ts';
import { formatMinute } from './labels.ts';
import { turnStatusLabel } from './turn-status.ts';

/** A centre's turns of one day, for its officials (the centre page, the desk with its `actions`). */
export function TurnsTable(props: { ctx: ViewContext; id: string; turns: Booking[]; actions?: { header: string; cell: (turn: Booking) => ComponentChildren } }) {
  const { t, locale } = props.ctx;
  if (props.turns.length === 0) return <EmptyState title={t('service-points.admin.no_turns')} />;
  return (
    <DataTable
      id={props.id}
      caption={t('service-points.admin.turns_caption')}
      rows={props.turns}
      columns={[
        { header: t('service-points.admin.time'), cell: (b) => formatMinute(locale, bogotaClock(b.startsAt).minute) },
        { header: t('service-points.turn.code'), rowHeader: true, cell: (b) => <code>{b.code}</code> },
        { header: t('service-points.turn.service'), cell: (b) => b.serviceName },
        { header: t('service-points.turn.status'), cell: (b) => turnStatusLabel(t, locale, b) },
        ...(props.actions ? [props.actions] : []),
      ]}
    />
  );
}
