import type { FieldErrors } from '../../../core/http/errors.ts';
import { Button, ErrorSummary, Form, SelectField, TextAreaField, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { QUESTION_KINDS } from '../consultations.schema.ts';
import { ADMIN_PATH, adminPath, type Consultation } from '../consultations.queries.ts';
import { emptyOptionForm, type OptionFormValues } from '../commands/options.ts';
import { QUESTION_FIELDS, type QuestionFormValues } from '../question-form.ts';
import { hasOptions, TRIGGER_KINDS, type QuestionDef } from '../questionnaire.ts';

const B = 'consultations.builder.';

function Checkbox(props: { ctx: ViewContext; name: string; label: string; hint?: string; checked: boolean }) {
  return (
    <div class="field">
      <input type="checkbox" id={props.name} name={props.name} value="yes" checked={props.checked} aria-describedby={props.hint ? `${props.name}-hint` : undefined} /> <label for={props.name}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

/** The option form, on its own page (editing) or at the foot of the question page (adding). */
export function OptionForm(props: { ctx: ViewContext; action: string; values: OptionFormValues; errors?: FieldErrors; hasImage: boolean; submitLabel: string }) {
  const { ctx, values, errors } = props;
  const { t } = ctx;
  const labels = { option_label: t(`${B}option.label`), option_description: t(`${B}option.description`), option_image: t(`${B}option.image`), option_image_alt: t(`${B}option.image_alt`) };
  const imageError = errors?.option_image;
  return (
    <Form ctx={ctx} action={props.action} multipart novalidate>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <TextField t={t} name="option_label" label={labels.option_label} value={values.option_label} errors={errors} required maxLength={300} />
      <TextAreaField t={t} name="option_description" label={labels.option_description} value={values.option_description} errors={errors} rows={3} maxLength={1000} />
      <div class={imageError ? 'field field-error' : 'field'}>
        <label for="option_image">
          {labels.option_image} <span class="optional">({t('forms.optional')})</span>
        </label>
        <p class="hint" id="option_image-hint">
          {t(`${B}option.image_hint`)}
        </p>
        {imageError && (
          <p class="error-message" id="option_image-error">
            <span class="visually-hidden">{t('forms.error_prefix')} </span>
            {t(imageError.key, imageError.vars)}
          </p>
        )}
        <input type="file" id="option_image" name="option_image" accept="image/png,image/jpeg,image/webp" aria-describedby={imageError ? 'option_image-hint option_image-error' : 'option_image-hint'} />
      </div>
      <TextField t={t} name="option_image_alt" label={labels.option_image_alt} hint={t(`${B}option.image_alt_hint`)} value={values.option_image_alt} errors={errors} maxLength={300} />
      {props.hasImage && <Checkbox ctx={ctx} name="option_remove_image" label={t(`${B}option.remove_image`)} checked={values.option_remove_image === 'yes'} />}
      <Button>{props.submitLabel}</Button>
    </Form>
  );
}

export interface QuestionPageProps {
  ctx: ViewContext;
  consultation: Consultation;
  /** null while adding. */
  question: QuestionDef | null;
  questions: QuestionDef[];
  values: QuestionFormValues;
  errors?: FieldErrors;
  optionValues?: OptionFormValues;
  optionErrors?: FieldErrors;
  /** A refused move or removal of an option. */
  optionProblem?: FieldErrors;
}

/** Adds or edits one question: its kind, text, settings and condition, then (choice kinds) its options. */
export function QuestionPage(props: QuestionPageProps) {
  const { ctx, consultation: c, question, values, errors } = props;
  const { t } = ctx;
  const base = adminPath(c);
  const title = question ? t(`${B}edit_title`, { number: question.position }) : t(`${B}add_title`);
  const labels = Object.fromEntries(QUESTION_FIELDS.map((f) => [f, t(`${B}fields.${f}`)]));
  const earlier = props.questions.filter((q) => (question ? q.position < question.position : true) && TRIGGER_KINDS.includes(q.kind) && q.options.length > 0);
  const action = question ? `${base}/preguntas/${question.id}` : `${base}/preguntas/nueva`;
  const text = (name: keyof QuestionFormValues, extra: { inputmode?: string; hint?: boolean } = {}) => (
    <TextField t={t} name={name} label={labels[name]!} hint={extra.hint ? t(`${B}hints.${name}`) : undefined} value={values[name] as string} errors={errors} inputmode={extra.inputmode} />
  );
  const hasErrors = Object.keys(errors ?? {}).length + Object.keys(props.optionErrors ?? {}).length > 0;
  return (
    <Layout
      ctx={ctx}
      title={hasErrors ? `${t('consultations.answer.error_title_prefix')} ${title}` : title}
      breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: ADMIN_PATH, label: t('consultations.admin.title') }, { href: base, label: c.title }, { label: title }]}
    >
      <h1>{title}</h1>
      <p>
        <a href={`${base}#preguntas`}>{t(`${B}back`)}</a>
      </p>
      <Form ctx={ctx} action={action} novalidate>
        <ErrorSummary t={t} errors={errors} labels={labels} />
        <SelectField t={t} name="kind" label={labels.kind!} hint={t(`${B}hints.kind`)} value={values.kind} errors={errors} required options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`${B}kind.${k}`) }))} />
        <TextField t={t} name="title" label={labels.title!} value={values.title} errors={errors} required maxLength={500} />
        <TextAreaField t={t} name="description" label={labels.description!} value={values.description} errors={errors} rows={3} maxLength={2000} />
        <Checkbox ctx={ctx} name="required" label={labels.required!} checked={values.required === 'yes'} />
        <fieldset>
          <legend>{t(`${B}section.settings`)}</legend>
          <p class="hint">{t(`${B}hints.settings`)}</p>
          {text('min_choices', { inputmode: 'numeric', hint: true })}
          {text('max_choices', { inputmode: 'numeric', hint: true })}
          {text('rank_count', { inputmode: 'numeric', hint: true })}
          {text('scale_min', { inputmode: 'numeric', hint: true })}
          {text('scale_max', { inputmode: 'numeric' })}
          {text('scale_min_label')}
          {text('scale_max_label')}
          {text('max_length', { inputmode: 'numeric', hint: true })}
          {text('number_min', { inputmode: 'decimal', hint: true })}
          {text('number_max', { inputmode: 'decimal' })}
          <Checkbox ctx={ctx} name="number_integer" label={labels.number_integer!} checked={values.number_integer === 'yes'} />
        </fieldset>
        <fieldset class={errors?.show_if ? 'field field-error' : 'field'} aria-describedby={errors?.show_if ? 'show_if-hint show_if-error' : 'show_if-hint'}>
          <legend>
            {labels.show_if} <span class="optional">({t('forms.optional')})</span>
          </legend>
          <p class="hint" id="show_if-hint">
            {earlier.length ? t(`${B}hints.show_if`) : t(`${B}hints.show_if_none`)}
          </p>
          {errors?.show_if && (
            <p class="error-message" id="show_if-error">
              <span class="visually-hidden">{t('forms.error_prefix')} </span>
              {t(errors.show_if.key, errors.show_if.vars)}
            </p>
          )}
          {earlier.map((q, qi) => (
            <fieldset>
              <legend>{t('consultations.answer.question_number', { number: q.position }) + ' ' + q.title}</legend>
              <ul class="cq-choices">
                {q.options.map((o, oi) => {
                  const id = qi === 0 && oi === 0 ? 'show_if' : `show_if-${o.id}`;
                  return (
                    <li>
                      <input type="checkbox" id={id} name="show_if" value={o.id} checked={values.show_if.includes(o.id)} /> <label for={id}>{o.label}</label>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          ))}
        </fieldset>
        <Button>{question ? t(`${B}save`) : t(`${B}create`)}</Button>
      </Form>
      {question && hasOptions(question.kind) && (
        <section aria-labelledby="opciones">
          <h2 id="opciones">{t(`${B}options_heading`)}</h2>
          {props.optionProblem?.options && (
            <p class="error-message" role="alert">
              {t(props.optionProblem.options.key, props.optionProblem.options.vars)}
            </p>
          )}
          {question.options.length === 0 ? (
            <p>{t(`${B}no_options`)}</p>
          ) : (
            <ol class="cq-list">
              {question.options.map((o, index) => (
                <li>
                  <strong>{o.label}</strong>
                  {o.imageFileId && <> · {t(`${B}option.has_image`)}</>}
                  <div class="cq-actions">
                    <a href={`${base}/preguntas/${question.id}/opciones/${o.id}`}>
                      {t(`${B}edit`)} <span class="visually-hidden">{o.label}</span>
                    </a>
                    {index > 0 && (
                      <Form ctx={ctx} action={`${base}/preguntas/${question.id}/opciones/${o.id}/mover`} class="inline-form">
                        <button type="submit" class="button button-secondary" name="direction" value="up">
                          {t(`${B}move_up`)} <span class="visually-hidden">{o.label}</span>
                        </button>
                      </Form>
                    )}
                    {index < question.options.length - 1 && (
                      <Form ctx={ctx} action={`${base}/preguntas/${question.id}/opciones/${o.id}/mover`} class="inline-form">
                        <button type="submit" class="button button-secondary" name="direction" value="down">
                          {t(`${B}move_down`)} <span class="visually-hidden">{o.label}</span>
                        </button>
                      </Form>
                    )}
                    <Form ctx={ctx} action={`${base}/preguntas/${question.id}/opciones/${o.id}/eliminar`} class="inline-form">
                      <button type="submit" class="button button-danger">
                        {t(`${B}remove`)} <span class="visually-hidden">{o.label}</span>
                      </button>
                    </Form>
                  </div>
                </li>
              ))}
            </ol>
          )}
          <h3 id="nueva-opcion">{t(`${B}add_option`)}</h3>
          <OptionForm ctx={ctx} action={`${base}/preguntas/${question.id}/opciones`} values={props.optionValues ?? emptyOptionForm()} errors={props.optionErrors} hasImage={false} submitLabel={t(`${B}add_option`)} />
        </section>
      )}
      {!question && <p class="hint">{t(`${B}options_after`)}</p>}
    </Layout>
  );
}

/** Edits one option on its own page (so every field id on the page is unique). */
export function OptionPage(props: { ctx: ViewContext; consultation: Consultation; question: QuestionDef; option: QuestionDef['options'][number]; values: OptionFormValues; errors?: FieldErrors }) {
  const { ctx, consultation: c, question, option } = props;
  const { t } = ctx;
  const base = adminPath(c);
  const title = t(`${B}option.edit_title`, { label: option.label });
  return (
    <Layout
      ctx={ctx}
      title={props.errors && Object.keys(props.errors).length ? `${t('consultations.answer.error_title_prefix')} ${title}` : title}
      breadcrumbs={[
        { href: '/', label: t('nav.home') },
        { href: ADMIN_PATH, label: t('consultations.admin.title') },
        { href: base, label: c.title },
        { href: `${base}/preguntas/${question.id}`, label: t(`${B}edit_title`, { number: question.position }) },
        { label: title },
      ]}
    >
      <h1>{title}</h1>
      {option.imageFileId && <img class="cq-option-image" src={`/consultas/${c.id}/imagenes/${option.id}`} alt={option.imageAlt} width={240} height={160} />}
      <OptionForm ctx={ctx} action={`${base}/preguntas/${question.id}/opciones/${option.id}`} values={props.values} errors={props.errors} hasImage={option.imageFileId !== null} submitLabel={t(`${B}save`)} />
    </Layout>
  );
}
