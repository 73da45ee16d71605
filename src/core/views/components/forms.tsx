import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../http/errors.ts';
import type { Translate } from '../../i18n/i18n.ts';
import type { ViewContext } from '../view-context.ts';

/** A POST form with its CSRF token; every state-changing form must use it. */
export function Form(props: { ctx: ViewContext; action: string; children: ComponentChildren; class?: string; multipart?: boolean; novalidate?: boolean }) {
  return (
    <form method="post" action={props.action} class={props.class} enctype={props.multipart ? 'multipart/form-data' : undefined} noValidate={props.novalidate}>
      <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
      {props.children}
    </form>
  );
}

interface FieldProps {
  t: Translate;
  name: string;
  label: string;
  hint?: string;
  errors?: FieldErrors;
  required?: boolean;
}

function describedBy(name: string, hint?: string, error?: unknown) {
  const ids = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldFrame(props: FieldProps & { children: ComponentChildren }) {
  const error = props.errors?.[props.name];
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={props.name}>
        {props.label}
        {props.required ? <span class="required"> ({props.t('forms.required')})</span> : <span class="optional"> ({props.t('forms.optional')})</span>}
      </label>
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
      {props.children}
    </div>
  );
}

/** A labelled text input with hint and inline error, linked by aria-describedby. */
export function TextField(props: FieldProps & { value?: string; type?: string; autocomplete?: string; maxLength?: number; inputmode?: string }) {
  const error = props.errors?.[props.name];
  return (
    <FieldFrame {...props}>
      <input
        id={props.name}
        name={props.name}
        type={(props.type ?? 'text') as 'text'}
        value={props.value ?? ''}
        required={props.required}
        autoComplete={props.autocomplete}
        maxLength={props.maxLength}
        inputMode={props.inputmode as 'text'}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
      />
    </FieldFrame>
  );
}

/** A labelled multi-line text input, with the same hint and error wiring as TextField. */
export function TextAreaField(props: FieldProps & { value?: string; rows?: number; maxLength?: number }) {
  const error = props.errors?.[props.name];
  return (
    <FieldFrame {...props}>
      <textarea
        id={props.name}
        name={props.name}
        rows={props.rows ?? 5}
        required={props.required}
        maxLength={props.maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
      >
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

export function SelectField(props: FieldProps & { value?: string; options: { value: string; label: string }[]; placeholder?: string }) {
  const error = props.errors?.[props.name];
  return (
    <FieldFrame {...props}>
      <select id={props.name} name={props.name} required={props.required} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(props.name, props.hint, error)}>
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** Lists every error at the top of a form, each linking to its field (GOV.UK pattern). */
export function ErrorSummary(props: { t: Translate; errors?: FieldErrors; labels: Record<string, string> }) {
  const entries = Object.entries(props.errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">{props.t('forms.error_summary')}</h2>
      <ul>
        {entries.map(([name, error]) => (
          <li>
            <a href={`#${name}`}>
              {props.labels[name] ?? name}: {props.t(error.key, error.vars)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Button(props: { children: ComponentChildren; kind?: 'primary' | 'secondary' | 'danger'; name?: string; value?: string }) {
  return (
    <button type="submit" class={`button button-${props.kind ?? 'primary'}`} name={props.name} value={props.value}>
      {props.children}
    </button>
  );
}
