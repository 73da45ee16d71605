import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../../core/http/errors.ts';
import { formatDate, formatNumber, type Locale, type Translate } from '../../../core/i18n/i18n.ts';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { AttachmentRow, EventRow } from '../service-requests.queries.ts';
import type { RequestState } from '../service-requests.schema.ts';
import { urgencyOf } from '../terms.ts';

export const P = 'service-requests';

export const typeLabel = (t: Translate, code: string) => t(`${P}.types.${code}`);
export const stateLabel = (t: Translate, state: RequestState) => t(`${P}.states.${state}`);
export const day = (locale: Locale, value: string | null | undefined) => (value ? formatDate(locale, value) : '—');

/** "Vence hoy", "Vencida hace 3 días hábiles", "Quedan 5 días hábiles", "Suspendida"… */
export function DueStatus(props: { t: Translate; state: RequestState; dueOn: string; today: string }) {
  const { urgency, days } = urgencyOf({ state: props.state, due_on: props.dueOn }, props.today);
  if (urgency === 'closed') return null;
  const label = props.t(`${P}.urgency.${urgency}`, { count: days });
  return urgency === 'overdue' || urgency === 'due_today' ? <strong class="badge">{label}</strong> : <span class="badge">{label}</span>;
}

/** A group of radio buttons in a fieldset, with hint and inline error, like the core fields. */
export function RadioGroup(props: {
  t: Translate;
  name: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string; hint?: string }[];
  value: string;
  errors?: FieldErrors;
  required?: boolean;
}) {
  const error = props.errors?.[props.name];
  const describedBy = [props.hint ? `${props.name}-hint` : null, error ? `${props.name}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset class={error ? 'field field-error' : 'field'} aria-describedby={describedBy}>
      <legend>
        {props.legend}
        {props.required ? <span class="required"> ({props.t('forms.required')})</span> : null}
      </legend>
      {props.hint && (
        <p class="hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      )}
      {error && (
        <p class="error-message" id={`${props.name}-error`}>
          <span class="visually-hidden">{props.t('forms.error_prefix')} </span>
          {props.t(error.key, error.vars)}
        </p>
      )}
      {props.options.map((o, index) => (
        <div>
          <label for={index === 0 ? props.name : `${props.name}-${o.value}`}>
            <input
              type="radio"
              id={index === 0 ? props.name : `${props.name}-${o.value}`}
              name={props.name}
              value={o.value}
              checked={o.value === props.value}
              aria-invalid={error ? 'true' : undefined}
            />{' '}
            {o.label}
          </label>
          {o.hint && <p class="hint">{o.hint}</p>}
        </div>
      ))}
    </fieldset>
  );
}

/** A checkbox never ticked for the person (`checked` only echoes what they sent). */
export function Checkbox(props: { t: Translate; name: string; label: ComponentChildren; errors?: FieldErrors; checked?: boolean; required?: boolean }) {
  const error = props.errors?.[props.name];
  return (
    <div class={error ? 'field field-error' : 'field'}>
      {error && (
        <p class="error-message" id={`${props.name}-error`}>
          <span class="visually-hidden">{props.t('forms.error_prefix')} </span>
          {props.t(error.key, error.vars)}
        </p>
      )}
      <label for={props.name}>
        <input
          type="checkbox"
          id={props.name}
          name={props.name}
          value="yes"
          checked={props.checked}
          required={props.required}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${props.name}-error` : undefined}
        />{' '}
        {props.label}
      </label>
    </div>
  );
}

/** A file input for up to five PDF/JPEG/PNG files, with its limits in the hint. */
export function FilesField(props: { t: Translate; name?: string; label: string; errors?: FieldErrors }) {
  const name = props.name ?? 'files';
  const error = props.errors?.[name];
  const describedBy = [`${name}-hint`, error ? `${name}-error` : null].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={name}>
        {props.label} <span class="optional">({props.t('forms.optional')})</span>
      </label>
      <p class="hint" id={`${name}-hint`}>
        {props.t(`${P}.hints.files`)}
      </p>
      {error && (
        <p class="error-message" id={`${name}-error`}>
          <span class="visually-hidden">{props.t('forms.error_prefix')} </span>
          {props.t(error.key, error.vars)}
        </p>
      )}
      <input type="file" id={name} name={name} multiple accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png" aria-describedby={describedBy} aria-invalid={error ? 'true' : undefined} />
    </div>
  );
}

export function AttachmentList(props: { ctx: ViewContext; files: AttachmentRow[]; label: string }) {
  const { t, locale } = props.ctx;
  if (props.files.length === 0) return null;
  return (
    <div>
      <h3>{props.label}</h3>
      <ul>
        {props.files.map((f) => (
          <li>
            <a href={`/pqrs/adjuntos/${f.id}`} download={f.original_name}>
              {f.original_name}
            </a>{' '}
            ({t(`${P}.media.${f.media_type.split('/')[1]}`)}, {formatNumber(locale, Number(f.size_bytes) / 1024, 0)} KB)
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What happened to the request, oldest first. */
export function Timeline(props: { ctx: ViewContext; events: EventRow[]; showActors?: boolean }) {
  const { t, locale } = props.ctx;
  return (
    <ol class="timeline">
      {props.events.map((e) => (
        <li>
          <strong>{day(locale, e.occurred_on)}</strong> — {t(`${P}.events.${e.kind}`, { from: e.from_name ?? '', to: e.to_name ?? '', due: day(locale, e.due_after), deadline: day(locale, e.due_after) })}
          {props.showActors && e.actor_name ? ` (${e.actor_name})` : ''}
          {e.reason && (
            <p>
              <span class="visually-hidden">{t(`${P}.fields.reason`)}: </span>
              {e.reason}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

/** Paragraphs of a long text typed by a person (line breaks kept, never HTML). */
export function Paragraphs(props: { text: string }) {
  return (
    <>
      {props.text
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((p) => (
          <p>
            {p.split('\n').map((line, i) => (
              <>
                {i > 0 && <br />}
                {line}
              </>
            ))}
          </p>
        ))}
    </>
  );
}

/** A definition list of label/value pairs. */
export function Facts(props: { items: [string, ComponentChildren][] }) {
  return (
    <dl class="facts">
      {props.items.map(([label, value]) => (
        <>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </>
      ))}
    </dl>
  );
}
