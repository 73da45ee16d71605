import { Form } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { Booking } from '../bookings.queries.ts';
import type { Centre } from '../centres.queries.ts';
import type { MarkTurnProblem } from '../commands/mark-turn.ts';
import type { TurnOutcome } from '../service-points.schema.ts';
import { adminCentrePath } from './AdminCentrePage.tsx';
import { formatLongDay } from './labels.ts';
import { TurnsDayForm, TurnsTable } from './TurnsTable.tsx';

export interface AdminTurnsPageProps {
  ctx: ViewContext;
  centre: Centre;
  day: string;
  /** Today in Bogotá: turns of later days cannot be marked yet. */
  today: string;
  turns: Booking[];
  /** Why the last marking was refused, when it was. */
  problem?: MarkTurnProblem;
}

export const adminTurnsPath = (slug: string) => `${adminCentrePath(slug)}/turnos`;

/** One small form per outcome; the turn's code in the button's name tells them apart to screen readers. */
function MarkButton(props: { ctx: ViewContext; action: string; day: string; outcome: TurnOutcome; label: string; code: string }) {
  return (
    <Form ctx={props.ctx} action={props.action} class="sp-inline-form">
      <input type="hidden" name="outcome" value={props.outcome} />
      <input type="hidden" name="dia" value={props.day} />
      <button type="submit" class={`button ${props.outcome === 'attended' ? 'button-primary' : 'button-secondary'}`}>
        {props.label}
        <span class="visually-hidden">: {props.code}</span>
      </button>
    </Form>
  );
}

/**
 * `/admin/puntos-de-atencion/<slug>/turnos`: the desk's list of a day's turns (time, code, service,
 * status; nothing else about the person), where each active turn of today or earlier is marked
 * attended or missed.
 */
export function AdminTurnsPage(props: AdminTurnsPageProps) {
  const { ctx, centre, day, today } = props;
  const { t, locale } = ctx;
  const path = adminTurnsPath(centre.slug);
  const markable = day <= today;
  return (
    <Layout
      ctx={ctx}
      title={t('service-points.desk.title', { name: centre.name })}
      breadcrumbs={[
        { href: '/', label: t('nav.home') },
        { href: '/admin/puntos-de-atencion', label: t('service-points.admin.title') },
        { href: adminCentrePath(centre.slug), label: centre.name },
        { label: t('service-points.desk.crumb') },
      ]}
    >
      <h1>{t('service-points.desk.title', { name: centre.name })}</h1>
      {props.problem && (
        <p class="flash flash-error" role="alert">
          {t(`service-points.desk.problem.${props.problem}`)}
        </p>
      )}
      <p class="hint">{t('service-points.desk.lead')}</p>
      <TurnsDayForm ctx={ctx} action={path} id="desk-day" day={day} />
      <h2 id="desk-turns">{t('service-points.admin.turns_of_day', { day: formatLongDay(locale, day) })}</h2>
      {!markable && <p class="hint">{t('service-points.desk.future_hint')}</p>}
      <TurnsTable
        ctx={ctx}
        id="sp-desk-turns"
        turns={props.turns}
        actions={{
          header: t('service-points.admin.actions'),
          cell: (b) =>
            markable && b.status === 'active' ? (
              <>
                <MarkButton ctx={ctx} action={`${path}/${b.id}/marcar`} day={day} outcome="attended" label={t('service-points.desk.attended')} code={b.code} />
                <MarkButton ctx={ctx} action={`${path}/${b.id}/marcar`} day={day} outcome="no_show" label={t('service-points.desk.no_show')} code={b.code} />
              </>
            ) : (
              '—'
            ),
        }}
      />
    </Layout>
  );
}
