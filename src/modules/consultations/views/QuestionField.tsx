import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../../core/http/errors.ts';
import { formatNumber } from '../../../core/i18n/i18n.ts';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { fieldName, rankFieldName } from '../answers.ts';
import { maxLengthOf, rankCountOf, type QuestionDef } from '../questionnaire.ts';

export type FormValues = Record<string, string | string[]>;

const idsOf = (...ids: (string | null | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

/** "Responda solo si en la pregunta 2 eligió «Sí» o «Tal vez»." */
export function conditionText(ctx: ViewContext, q: QuestionDef, questions: readonly QuestionDef[]): string | null {
  if (!q.condition) return null;
  const source = questions.find((s) => s.id === q.condition!.questionId);
  if (!source) return null;
  const labels = source.options.filter((o) => q.condition!.optionIds.includes(o.id)).map((o) => `«${o.label}»`);
  const or = ` ${ctx.t('consultations.or')} `;
  return ctx.t('consultations.answer.only_if', { number: source.position, options: labels.length > 1 ? `${labels.slice(0, -1).join(', ')}${or}${labels[labels.length - 1]}` : (labels[0] ?? '') });
}

/** The hint a kind needs ("Elija hasta 3 opciones", "Un número entero entre 0 y 120"…). */
function kindHint(ctx: ViewContext, q: QuestionDef): string | null {
  const { t, locale } = ctx;
  const s = q.settings;
  switch (q.kind) {
    case 'multiple_choice':
      if (s.minChoices !== undefined && s.maxChoices !== undefined) return t('consultations.answer.hint.choose_between', { min: s.minChoices, max: s.maxChoices });
      if (s.maxChoices !== undefined) return t('consultations.answer.hint.choose_up_to', { count: s.maxChoices });
      if (s.minChoices !== undefined) return t('consultations.answer.hint.choose_at_least', { count: s.minChoices });
      return t('consultations.answer.hint.choose_any');
    case 'ranking':
      return t('consultations.answer.hint.ranking', { count: rankCountOf(q) });
    case 'number': {
      const kind = s.integer ? 'integer' : 'number';
      if (s.min !== undefined && s.max !== undefined) return t(`consultations.answer.hint.${kind}_between`, { min: formatNumber(locale, s.min), max: formatNumber(locale, s.max) });
      if (s.min !== undefined) return t(`consultations.answer.hint.${kind}_min`, { min: formatNumber(locale, s.min) });
      if (s.max !== undefined) return t(`consultations.answer.hint.${kind}_max`, { max: formatNumber(locale, s.max) });
      return t(`consultations.answer.hint.${kind}`);
    }
    case 'short_text':
    case 'long_text':
      return t('consultations.answer.hint.max_length', { count: maxLengthOf(q) });
    default:
      return null;
  }
}

function Legendish(props: { ctx: ViewContext; q: QuestionDef }) {
  const { t } = props.ctx;
  return (
    <>
      {t('consultations.answer.question_number', { number: props.q.position })} {props.q.title}{' '}
      {props.q.required ? <span class="required">({t('forms.required')})</span> : <span class="optional">({t('forms.optional')})</span>}
    </>
  );
}

/**
 * One question of the answer form, by kind. Choice questions are fieldsets with a legend; the
 * first control of every question carries the question's field name as its id, so the error
 * summary's link lands on it. Conditional questions carry their condition for the script
 * (assets/consultations.js) and say it in words for everyone else.
 */
export function QuestionField(props: { ctx: ViewContext; consultationId: string; q: QuestionDef; questions: readonly QuestionDef[]; values: FormValues; errors?: FieldErrors; disabled?: boolean }) {
  const { ctx, q, values, errors } = props;
  const { t } = ctx;
  const name = fieldName(q.id);
  const error = errors?.[name];
  const condition = conditionText(ctx, q, props.questions);
  const hint = kindHint(ctx, q);
  const ids = { description: q.description ? `${name}-description` : null, condition: condition ? `${name}-condition` : null, hint: hint ? `${name}-hint` : null, error: error ? `${name}-error` : null };
  const describedBy = idsOf(ids.description, ids.condition, ids.hint, ids.error);
  const value = values[name];
  const single = typeof value === 'string' ? value : '';
  const many = Array.isArray(value) ? value : typeof value === 'string' && value ? [value] : [];
  const texts = (
    <>
      {q.description && (
        <p class="hint" id={ids.description!}>
          {q.description}
        </p>
      )}
      {condition && (
        <p class="hint cq-condition" id={ids.condition!}>
          {condition}
        </p>
      )}
      {hint && (
        <p class="hint" id={ids.hint!}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error-message" id={ids.error!}>
          <span class="visually-hidden">{t('forms.error_prefix')} </span>
          {t(error.key, error.vars)}
        </p>
      )}
    </>
  );
  const frame = (children: ComponentChildren, group = true) => (
    <div
      class={error ? 'cq-question field field-error' : 'cq-question field'}
      id={`pregunta-${q.position}`}
      data-show-if={q.condition?.questionId}
      data-show-values={q.condition?.optionIds.join(' ')}
    >
      {group ? (
        <fieldset aria-describedby={describedBy}>
          <legend>
            <Legendish ctx={ctx} q={q} />
          </legend>
          {texts}
          {children}
        </fieldset>
      ) : (
        children
      )}
    </div>
  );
  const optionBody = (o: QuestionDef['options'][number], id: string) => (
    <>
      <label for={id}>{o.label}</label>
      {o.description && <span class="hint cq-option-description"> {o.description}</span>}
      {o.imageFileId && (
        <img class="cq-option-image" src={`/consultas/${props.consultationId}/imagenes/${o.id}`} alt={o.imageAlt} width={240} height={160} loading="lazy" />
      )}
    </>
  );
  switch (q.kind) {
    case 'single_choice':
    case 'multiple_choice': {
      const type = q.kind === 'single_choice' ? 'radio' : 'checkbox';
      return frame(
        <ul class="cq-choices">
          {q.options.map((o, i) => {
            const id = i === 0 ? name : `${name}-${i + 1}`;
            return (
              <li>
                <input type={type} id={id} name={name} value={o.id} checked={type === 'radio' ? single === o.id : many.includes(o.id)} disabled={props.disabled} aria-invalid={error ? 'true' : undefined} />{' '}
                {optionBody(o, id)}
              </li>
            );
          })}
        </ul>,
      );
    }
    case 'ranking': {
      const count = rankCountOf(q);
      return frame(
        <ul class="cq-choices cq-ranking">
          {q.options.map((o, i) => {
            const field = rankFieldName(q.id, o.id);
            const id = i === 0 ? name : field;
            const current = typeof values[field] === 'string' ? (values[field] as string) : '';
            return (
              <li>
                <select id={id} name={field} disabled={props.disabled} aria-invalid={error ? 'true' : undefined}>
                  <option value="">{t('consultations.answer.rank_none')}</option>
                  {Array.from({ length: count }, (_, r) => (
                    <option value={String(r + 1)} selected={current === String(r + 1)}>
                      {t('consultations.answer.rank_position', { position: r + 1 })}
                    </option>
                  ))}
                </select>{' '}
                {optionBody(o, id)}
              </li>
            );
          })}
        </ul>,
      );
    }
    case 'rating_scale': {
      const min = q.settings.min ?? 1;
      const max = q.settings.max ?? 5;
      return frame(
        <ul class="cq-choices cq-scale">
          {Array.from({ length: max - min + 1 }, (_, i) => {
            const v = String(min + i);
            const id = i === 0 ? name : `${name}-${v}`;
            const label = min + i === min && q.settings.minLabel ? `${v} — ${q.settings.minLabel}` : min + i === max && q.settings.maxLabel ? `${v} — ${q.settings.maxLabel}` : v;
            return (
              <li>
                <input type="radio" id={id} name={name} value={v} checked={single === v} disabled={props.disabled} aria-invalid={error ? 'true' : undefined} /> <label for={id}>{label}</label>
              </li>
            );
          })}
        </ul>,
      );
    }
    case 'number':
    case 'short_text':
    case 'long_text':
      return frame(
        <>
          <label for={name}>
            <Legendish ctx={ctx} q={q} />
          </label>
          {texts}
          {q.kind === 'long_text' ? (
            <textarea id={name} name={name} rows={6} maxLength={maxLengthOf(q)} disabled={props.disabled} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy}>
              {single}
            </textarea>
          ) : (
            <input
              id={name}
              name={name}
              type="text"
              value={single}
              inputMode={q.kind === 'number' ? (q.settings.integer ? 'numeric' : 'decimal') : undefined}
              maxLength={q.kind === 'number' ? 30 : maxLengthOf(q)}
              autoComplete="off"
              disabled={props.disabled}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={describedBy}
            />
          )}
        </>,
        false,
      );
  }
}
