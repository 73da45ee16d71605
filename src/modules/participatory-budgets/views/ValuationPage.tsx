import type { FieldErrors } from '../../../core/http/errors.ts';
import { formatCop } from '../../../core/i18n/i18n.ts';
import { Button, ErrorSummary, Form, TextAreaField, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { editionPath, envelopePath, type Edition, type Envelope } from '../editions.queries.ts';
import { proposalPath, type ProposalDetail } from '../proposals.queries.ts';
import { statusLabel } from './ProposalLabels.ts';

const V = 'participatory-budgets.proposals.valuation.';

export interface ValuationFormState {
  form: 'assess' | 'merge';
  errors: FieldErrors;
  values: Record<string, string>;
}

function DecisionField(props: { ctx: ViewContext; value: string; error?: FieldErrors[string] }) {
  const { t } = props.ctx;
  return (
    <fieldset class={props.error ? 'field field-error' : 'field'} aria-describedby={props.error ? 'decision-error' : undefined}>
      <legend>
        {t(`${V}decision`)} <span class="required">({t('forms.required')})</span>
      </legend>
      {props.error && (
        <p class="error-message" id="decision-error">
          <span class="visually-hidden">{t('forms.error_prefix')} </span>
          {t(props.error.key, props.error.vars)}
        </p>
      )}
      {(['viable', 'not_viable'] as const).map((value, index) => (
        <p class="choice">
          <input type="radio" name="decision" id={index === 0 ? 'decision' : `decision-${value}`} value={value} checked={props.value === value} />{' '}
          <label for={index === 0 ? 'decision' : `decision-${value}`}>{t(`${V}decision_${value}`)}</label>
        </p>
      ))}
    </fieldset>
  );
}

/** One proposal's valuation: the decision with its public reason and adjusted cost, and merging duplicates. */
export function ValuationPage(props: { ctx: ViewContext; edition: Edition; envelope: Envelope; proposal: ProposalDetail; assessable: boolean; form?: ValuationFormState }) {
  const { ctx, edition, envelope, proposal, form } = props;
  const { t, locale } = ctx;
  const localidad = envelope.localidad_name ?? envelope.name;
  const base = proposalPath(edition, proposal.number);
  const assess = form?.form === 'assess' ? form : undefined;
  const merge = form?.form === 'merge' ? form : undefined;
  const values = assess?.values ?? {
    decision: proposal.status === 'viable' || proposal.status === 'not_viable' ? proposal.status : '',
    reason: proposal.valuation_reason,
    assessed_cost: proposal.assessed_cost?.split('.')[0] ?? '',
  };
  const title = t(`${V}title`, { number: proposal.number });
  return (
    <Layout
      ctx={ctx}
      title={`${form ? `${t('participatory-budgets.proposals.wizard.error_title_prefix')} ` : ''}${title}`}
      breadcrumbs={[
        { href: '/', label: t('nav.home') },
        { href: '/presupuestos-participativos', label: t('participatory-budgets.title') },
        { href: editionPath(edition), label: edition.title },
        { href: envelopePath(edition, envelope), label: localidad },
        { href: `${envelopePath(edition, envelope)}/valoracion`, label: t(`${V}queue_crumb`) },
        { label: `#${proposal.number}` },
      ]}
    >
      <h1>{title}</h1>
      <p class="lead">
        <a href={base}>
          #{proposal.number} {proposal.title}
        </a>{' '}
        <span class="badge">{statusLabel(t, proposal.status)}</span>
      </p>
      <dl class="facts">
        <dt>{t(`${V}estimated_cost`)}</dt>
        <dd>{formatCop(locale, proposal.estimated_cost)}</dd>
        <dt>{t(`${V}envelope_amount`)}</dt>
        <dd>{formatCop(locale, proposal.sub_envelope_amount ?? envelope.amount)}</dd>
        <dt>{t(`${V}supports`)}</dt>
        <dd>{t('participatory-budgets.proposals.supports_count', { count: proposal.supports })}</dd>
      </dl>
      <p class="pre-line">{proposal.description}</p>
      {!props.assessable ? (
        <p class="notice">{t(`${V}not_assessable`, { status: statusLabel(t, proposal.status) })}</p>
      ) : (
        <>
          <section aria-labelledby="assess-heading">
            <h2 id="assess-heading">{t(`${V}assess_heading`)}</h2>
            <Form ctx={ctx} action={`${base}/valoracion`} novalidate class="proposal-form">
              <ErrorSummary t={t} errors={assess?.errors} labels={{ decision: t(`${V}decision`), reason: t(`${V}reason`), assessed_cost: t(`${V}assessed_cost`) }} />
              <DecisionField ctx={ctx} value={values.decision ?? ''} error={assess?.errors.decision} />
              <TextAreaField t={t} name="reason" label={t(`${V}reason`)} hint={t(`${V}reason_hint`)} value={values.reason} errors={assess?.errors} rows={5} maxLength={5000} />
              <TextField
                t={t}
                name="assessed_cost"
                label={t(`${V}assessed_cost`)}
                hint={t(`${V}assessed_cost_hint`)}
                value={values.assessed_cost}
                errors={assess?.errors}
                inputmode="numeric"
                maxLength={30}
              />
              <Button>{t(`${V}save`)}</Button>
            </Form>
          </section>
          <section aria-labelledby="merge-heading">
            <h2 id="merge-heading">{t(`${V}merge_heading`)}</h2>
            <p>{t(`${V}merge_lead`, { number: proposal.number })}</p>
            <Form ctx={ctx} action={`${base}/fusionar`} novalidate class="proposal-form">
              <ErrorSummary t={t} errors={merge?.errors} labels={{ target_number: t(`${V}target_number`), note: t(`${V}merge_note`) }} />
              <TextField t={t} name="target_number" label={t(`${V}target_number`)} hint={t(`${V}target_number_hint`)} value={merge?.values.target_number} errors={merge?.errors} required inputmode="numeric" maxLength={12} />
              <TextAreaField t={t} name="note" label={t(`${V}merge_note`)} hint={t(`${V}merge_note_hint`)} value={merge?.values.note} errors={merge?.errors} rows={3} maxLength={5000} />
              <Button kind="danger">{t(`${V}merge_submit`)}</Button>
            </Form>
          </section>
        </>
      )}
    </Layout>
  );
}
