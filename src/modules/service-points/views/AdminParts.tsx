import type { FieldErrors } from '../../../core/http/errors.ts';
import type { Translate } from '../../../core/i18n/i18n.ts';

/** A labelled group of radio buttons with its inline error (the core has text, select and textarea fields). */
export function RadioGroup(props: { t: Translate; name: string; legend: string; value: string; options: { value: string; label: string }[]; errors?: FieldErrors }) {
  const error = props.errors?.[props.name];
  return (
    <fieldset class={error ? 'field field-error' : 'field'} aria-describedby={error ? `${props.name}-error` : undefined}>
      <legend>{props.legend}</legend>
      {error && (
        <p class="error-message" id={`${props.name}-error`}>
          <span class="visually-hidden">{props.t('forms.error_prefix')} </span>
          {props.t(error.key, error.vars)}
        </p>
      )}
      {props.options.map((o, index) => {
        // The first option carries the name as id, so the error summary's link lands on the group.
        const id = index === 0 ? props.name : `${props.name}-${o.value}`;
        return (
          <div class="sp-check">
            <input type="radio" id={id} name={props.name} value={o.value} checked={props.value === o.value} />
            <label for={id}>{o.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** Checkboxes for a multi-valued field, with its inline error. */
export function CheckboxGroup(props: { t: Translate; name: string; legend: string; values: string[]; options: { value: string; label: string }[]; errors?: FieldErrors }) {
  const error = props.errors?.[props.name];
  return (
    <fieldset class={error ? 'field field-error' : 'field'} aria-describedby={error ? `${props.name}-error` : undefined}>
      <legend>{props.legend}</legend>
      {error && (
        <p class="error-message" id={`${props.name}-error`}>
          <span class="visually-hidden">{props.t('forms.error_prefix')} </span>
          {props.t(error.key, error.vars)}
        </p>
      )}
      {props.options.map((o, index) => {
        const id = index === 0 ? props.name : `${props.name}-${o.value}`;
        return (
          <div class="sp-check">
            <input type="checkbox" id={id} name={props.name} value={o.value} checked={props.values.includes(o.value)} />
            <label for={id}>{o.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}
