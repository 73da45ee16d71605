import type { FieldErrors } from '../../../core/http/errors.ts';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { DayAvailability } from '../availability.ts';
import { formatTime } from '../bogota-clock.ts';
import { formatDayWithWeekday, formatMinute } from './labels.ts';

/** The days of the booking window as links; closed days say why (holiday, closure) and are not links. */
export function DayPicker(props: { ctx: ViewContext; days: DayAvailability[]; current: string; hrefFor: (day: string) => string; labelledBy: string }) {
  const { t, locale } = props.ctx;
  return (
    <ul class="sp-days" aria-labelledby={props.labelledBy}>
      {props.days.map((d) => {
        const free = d.slots.reduce((sum, s) => sum + (s.remaining > 0 ? 1 : 0), 0);
        const label = formatDayWithWeekday(locale, d.day);
        let why: string;
        if (d.hours.open) why = free > 0 ? t('service-points.booking.free_turns', { count: free }) : d.slots.length === 0 ? t('service-points.booking.no_more_turns') : t('service-points.booking.no_turns_left');
        else if (d.hours.source === 'holiday') why = t('service-points.hours.holiday', { name: d.hours.holiday ?? '' });
        else if (d.hours.source === 'exception') why = t('service-points.hours.closure', { reason: d.hours.reason ?? '' });
        else why = t('service-points.hours.closed');
        return (
          <li class={free > 0 ? undefined : 'sp-day-off'}>
            {free > 0 ? (
              <a href={props.hrefFor(d.day)} aria-current={d.day === props.current ? 'date' : undefined}>
                {label}
              </a>
            ) : (
              <span>{label}</span>
            )}{' '}
            — {why}
          </li>
        );
      })}
    </ul>
  );
}

/** The turns of one day as radio buttons; full ones are shown but cannot be chosen. */
export function TimeChoices(props: { ctx: ViewContext; day: DayAvailability; value: string; error?: FieldErrors[string]; legend: string }) {
  const { t, locale } = props.ctx;
  const firstFree = props.day.slots.find((s) => s.remaining > 0);
  return (
    <fieldset class={props.error ? 'field field-error' : 'field'} aria-describedby={props.error ? 'time-error' : undefined}>
      <legend>
        {props.legend}: {formatDayWithWeekday(locale, props.day.day)}
      </legend>
      {props.error && (
        <p class="error-message" id="time-error">
          <span class="visually-hidden">{t('forms.error_prefix')} </span>
          {t(props.error.key, props.error.vars)}
        </p>
      )}
      <div class="sp-times">
        {props.day.slots.map((s) => {
          const value = formatTime(s.start);
          const id = s === firstFree ? 'time' : `time-${value.replace(':', '')}`;
          return (
            <div class="sp-check">
              <input type="radio" id={id} name="time" value={value} checked={props.value === value} disabled={s.remaining === 0} required />
              <label for={id}>
                {formatMinute(locale, s.start)} <span class="hint">({s.remaining === 0 ? t('service-points.booking.full') : t('service-points.booking.seats', { count: s.remaining })})</span>
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
