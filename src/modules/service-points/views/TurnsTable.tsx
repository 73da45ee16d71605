import type { ComponentChildren } from 'preact';
import { DataTable, EmptyState } from '../../../core/views/components/content.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { bogotaClock } from '../bogota-clock.ts';
import type { Booking } from '../bookings.queries.ts';
import { formatMinute } from './labels.ts';
import { turnStatusLabel } from './turn-status.ts';

/** The day whose turns are shown: a GET form, so it works without JavaScript. */
export function TurnsDayForm(props: { ctx: ViewContext; action: string; id: string; day: string }) {
  const { t } = props.ctx;
  return (
    <form method="get" action={props.action} class="sp-inline-form">
      <label for={props.id}>{t('service-points.admin.day')}</label> <input type="date" id={props.id} name="dia" value={props.day} />{' '}
      <button type="submit" class="button button-secondary">
        {t('service-points.admin.show_turns')}
      </button>
    </form>
  );
}

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
