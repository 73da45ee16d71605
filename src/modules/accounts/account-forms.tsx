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
