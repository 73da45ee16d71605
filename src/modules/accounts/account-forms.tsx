import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../core/http/errors.ts';
import type { Translate } from '../../core/i18n/i18n.ts';

/**
 * A checkbox with its label, hint and inline error (the core form components have none). The box
 * is never ticked for the person: `checked` only echoes what they sent.
 */
export function CheckboxField(props: {
  t: Translate;
  name: string;
  label: ComponentChildren;
  hint?: string;
  errors?: FieldErrors;
  checked?: boolean;
  required?: boolean;
}) {
  const error = props.errors?.[props.name];
  const describedBy = [props.hint ? `${props.name}-hint` : null, error ? `${props.name}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field field-error' : 'field'}>
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
      <label for={props.name}>
        <input
          type="checkbox"
          id={props.name}
          name={props.name}
          value="yes"
          checked={props.checked}
          required={props.required}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
        />{' '}
        {props.label}
      </label>
    </div>
  );
}

/** Labels of form fields for the error summary, by field name. */
export function labelsFor(t: Translate, prefix: string, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, t(`${prefix}.${name}`)]));
}

/**
 * A date people know by heart (a birth date) as three boxes, day, month and year, in a fieldset:
 * unambiguous in any language and browser, with or without JavaScript. The day box carries the
 * field's id, so the error summary's link lands on it.
 */
export function MemorableDateField(props: {
  t: Translate;
  name: string;
  legend: string;
  hint?: string;
  errors?: FieldErrors;
  values: { day: string; month: string; year: string };
  labels: { day: string; month: string; year: string };
  required?: boolean;
}) {
  const { t, name } = props;
  const error = props.errors?.[name];
  const describedBy = [props.hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(' ') || undefined;
  const part = (key: 'day' | 'month' | 'year', id: string, size: number, autocomplete: string) => (
    <p>
      <label for={id}>{props.labels[key]}</label>
      <input
        id={id}
        name={`${name.replace(/_date$/, '')}_${key}`}
        type="text"
        inputMode="numeric"
        value={props.values[key]}
        size={size}
        maxLength={size}
        autoComplete={autocomplete}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
      />
    </p>
  );
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <fieldset role="group" aria-describedby={describedBy}>
        <legend>
          {props.legend}
          {props.required ? <span class="required"> ({t('forms.required')})</span> : <span class="optional"> ({t('forms.optional')})</span>}
        </legend>
        {props.hint && (
          <p class="hint" id={`${name}-hint`}>
            {props.hint}
          </p>
        )}
        {error && (
          <p class="error-message" id={`${name}-error`}>
            <span class="visually-hidden">{t('forms.error_prefix')} </span>
            {t(error.key, error.vars)}
          </p>
        )}
        {part('day', name, 2, 'bday-day')}
        {part('month', `${name}-month`, 2, 'bday-month')}
        {part('year', `${name}-year`, 4, 'bday-year')}
      </fieldset>
    </div>
  );
}
