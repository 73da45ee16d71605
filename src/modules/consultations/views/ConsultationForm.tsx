import type { FieldErrors } from '../../../core/http/errors.ts';
import { LOCALIDADES } from '../../../core/geo/localidades.data.ts';
import { Button, ErrorSummary, Form, SelectField, TextAreaField, TextField } from '../../../core/views/components/forms.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { CONSULTATION_FIELDS, type ConsultationFormValues } from '../consultation-form.ts';

const F = 'consultations.admin.fields.';
const H = 'consultations.admin.hints.';

function FieldError(props: { ctx: ViewContext; name: string; errors?: FieldErrors }) {
  const error = props.errors?.[props.name];
  if (!error) return null;
  return (
    <p class="error-message" id={`${props.name}-error`}>
      <span class="visually-hidden">{props.ctx.t('forms.error_prefix')} </span>
      {props.ctx.t(error.key, error.vars)}
    </p>
  );
}

/** The consultation's settings: what it is, who runs it, when, who may answer and how answers are kept. */
export function ConsultationForm(props: { ctx: ViewContext; action: string; values: ConsultationFormValues; errors?: FieldErrors; entities: { code: string; name: string }[]; submitLabel: string }) {
  const { ctx, values, errors } = props;
  const { t } = ctx;
  const labels = Object.fromEntries(CONSULTATION_FIELDS.map((f) => [f, t(`${F}${f}`)]));
  const group = (name: string) => (errors?.[name] ? 'field field-error' : 'field');
  return (
    <Form ctx={ctx} action={props.action} novalidate>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <TextField t={t} name="title" label={labels.title!} value={values.title} errors={errors} required maxLength={200} />
      <TextAreaField t={t} name="description" label={labels.description!} hint={t(`${H}description`)} value={values.description} errors={errors} rows={8} />
      <SelectField t={t} name="entity" label={labels.entity!} value={values.entity} errors={errors} required options={props.entities.map((e) => ({ value: e.code, label: e.name }))} placeholder={t('consultations.admin.choose')} />
      <fieldset>
        <legend>{t('consultations.admin.section.window')}</legend>
        <p class="hint">{t(`${H}window`)}</p>
        <TextField t={t} name="opens_at" label={labels.opens_at!} type="datetime-local" value={values.opens_at} errors={errors} required />
        <TextField t={t} name="closes_at" label={labels.closes_at!} type="datetime-local" value={values.closes_at} errors={errors} required />
      </fieldset>
      <fieldset>
        <legend>{t('consultations.admin.section.eligibility')}</legend>
        <SelectField
          t={t}
          name="min_level"
          label={labels.min_level!}
          value={values.min_level}
          errors={errors}
          required
          options={[
            { value: 'identity', label: t('consultations.admin.level.identity') },
            { value: 'residence', label: t('consultations.admin.level.residence') },
          ]}
        />
        <TextField t={t} name="min_age" label={labels.min_age!} hint={t(`${H}min_age`)} value={values.min_age} errors={errors} required inputmode="numeric" maxLength={3} />
        <fieldset class={group('localidades')} aria-describedby={errors?.localidades ? 'localidades-hint localidades-error' : 'localidades-hint'}>
          <legend>
            {labels.localidades} <span class="optional">({t('forms.optional')})</span>
          </legend>
          <p class="hint" id="localidades-hint">
            {t(`${H}localidades`)}
          </p>
          <FieldError ctx={ctx} name="localidades" errors={errors} />
          <ul class="cq-choices cq-columns">
            {LOCALIDADES.map((l, i) => (
              <li>
                <input type="checkbox" id={i === 0 ? 'localidades' : `localidades-${l.code}`} name="localidades" value={l.code} checked={values.localidades.includes(l.code)} />{' '}
                <label for={i === 0 ? 'localidades' : `localidades-${l.code}`}>
                  {l.number}. {l.name}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      </fieldset>
      <fieldset class={group('secret')} aria-describedby={errors?.secret ? 'secret-error' : undefined}>
        <legend>
          {labels.secret} <span class="required">({t('forms.required')})</span>
        </legend>
        <FieldError ctx={ctx} name="secret" errors={errors} />
        <ul class="cq-choices">
          <li>
            <input type="radio" id="secret" name="secret" value="yes" checked={values.secret === 'yes'} /> <label for="secret">{t('consultations.admin.secret_yes')}</label>
          </li>
          <li>
            <input type="radio" id="secret-no" name="secret" value="no" checked={values.secret === 'no'} /> <label for="secret-no">{t('consultations.admin.secret_no')}</label>
          </li>
        </ul>
      </fieldset>
      <div class="field">
        <input type="checkbox" id="allow_edit" name="allow_edit" value="yes" checked={values.allow_edit === 'yes'} aria-describedby="allow_edit-hint" /> <label for="allow_edit">{labels.allow_edit}</label>
        <p class="hint" id="allow_edit-hint">
          {t(`${H}allow_edit`)}
        </p>
      </div>
      <Button>{props.submitLabel}</Button>
    </Form>
  );
}
