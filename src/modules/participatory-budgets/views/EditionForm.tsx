import type { FieldErrors } from '../../../core/http/errors.ts';
import { Button, ErrorSummary, Form, SelectField, TextAreaField, TextField } from '../../../core/views/components/forms.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { BALLOT_RULES, COUNTING_RULES, EDITION_FIELDS, type EditionFormValues } from '../edition-form.ts';

/** The edition's settings: name and address, ballot and counting rules, and the dated windows. */
export function EditionForm(props: { ctx: ViewContext; action: string; values: EditionFormValues; errors?: FieldErrors; submitLabel: string }) {
  const { ctx, values, errors } = props;
  const { t } = ctx;
  const label = (f: string) => t(`participatory-budgets.admin.fields.${f}`);
  const hint = (f: string) => t(`participatory-budgets.admin.hints.${f}`);
  const labels = Object.fromEntries(EDITION_FIELDS.map((f) => [f, label(f)]));
  const text = (f: keyof EditionFormValues, extra: { type?: string; required?: boolean; inputmode?: string; withHint?: boolean } = {}) => (
    <TextField t={t} name={f} label={label(f)} hint={extra.withHint ? hint(f) : undefined} value={values[f]} errors={errors} required={extra.required} type={extra.type} inputmode={extra.inputmode} />
  );
  return (
    <Form ctx={ctx} action={props.action} novalidate>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <fieldset>
        <legend>{t('participatory-budgets.admin.section.identity')}</legend>
        {text('title', { required: true })}
        {text('slug', { required: true, withHint: true })}
        {text('year', { required: true, inputmode: 'numeric' })}
        <TextAreaField t={t} name="description" label={label('description')} value={values.description} errors={errors} rows={4} />
      </fieldset>
      <fieldset>
        <legend>{t('participatory-budgets.admin.section.rules')}</legend>
        <SelectField
          t={t}
          name="ballot_rule"
          label={label('ballot_rule')}
          hint={hint('ballot_rule')}
          value={values.ballot_rule}
          errors={errors}
          required
          options={BALLOT_RULES.map((r) => ({ value: r, label: t(`participatory-budgets.ballot_rule.${r}`) }))}
        />
        {text('max_choices', { inputmode: 'numeric', withHint: true })}
        {text('min_share', { inputmode: 'decimal', withHint: true })}
        {text('wallet_total', { inputmode: 'numeric', withHint: true })}
        {text('support_size', { inputmode: 'numeric', withHint: true })}
        {text('points', { inputmode: 'numeric', withHint: true })}
        {text('max_per_project', { inputmode: 'numeric', withHint: true })}
        <SelectField
          t={t}
          name="counting_rule"
          label={label('counting_rule')}
          hint={hint('counting_rule')}
          value={values.counting_rule}
          errors={errors}
          required
          options={COUNTING_RULES.map((r) => ({ value: r, label: t(`participatory-budgets.counting_rule.${r}`) }))}
        />
        {text('add1_step', { inputmode: 'numeric', withHint: true })}
        {text('min_age', { inputmode: 'numeric', withHint: true })}
      </fieldset>
      <fieldset>
        <legend>{t('participatory-budgets.admin.section.dates')}</legend>
        <p class="hint">{t('participatory-budgets.admin.hints.dates')}</p>
        {text('proposals_open_at', { type: 'datetime-local', required: true })}
        {text('proposals_close_at', { type: 'datetime-local', required: true })}
        {text('review_close_at', { type: 'datetime-local', required: true })}
        {text('voting_open_at', { type: 'datetime-local', required: true })}
        {text('voting_close_at', { type: 'datetime-local', required: true })}
        {text('execution_starts_on', { type: 'date', withHint: true })}
      </fieldset>
      <Button>{props.submitLabel}</Button>
    </Form>
  );
}
