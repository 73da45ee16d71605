import type { FieldErrors } from '../../../core/http/errors.ts';
import { formatCop } from '../../../core/i18n/i18n.ts';
import { Button, ErrorSummary, Form, SelectField, TextAreaField, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { editionPath, envelopePath, type Edition, type Envelope } from '../editions.queries.ts';
import { proposalPath, type ProposalDetail, type ReferenceOptions, type SubEnvelopeRow } from '../proposals.queries.ts';
import { costLabel } from './ProposalLabels.ts';

export const WIZARD_STEPS = [1, 2, 3, 4] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export interface ProposalWizardPageProps {
  ctx: ViewContext;
  edition: Edition;
  envelope: Envelope;
  step: WizardStep;
  /** The draft (or submitted proposal) being edited; absent on a new proposal's first step. */
  proposal?: ProposalDetail;
  options: ReferenceOptions;
  subEnvelopes: SubEnvelopeRow[];
  values: Record<string, string>;
  errors?: FieldErrors;
  /** Step 4: required fields still missing, by step. */
  missing?: { step: 1 | 2 | 3; field: string }[];
}

const L = 'participatory-budgets.proposals.fields.';

/** The labels of every field, for the error summary and the review. */
export function fieldLabels(t: ViewContext['t']): Record<string, string> {
  const names = ['title', 'description', 'topic_code', 'goal_code', 'concept_code', 'guiding_question', 'keywords', 'image', 'image_alt', 'activities', 'latitude', 'longitude', 'location_label', 'organisation', 'estimated_cost', 'sub_envelope_id'];
  return Object.fromEntries(names.map((n) => [n, t(`${L}${n}`)]));
}

/** The current values of a proposal as form values (strings). */
export function proposalFormValues(p: ProposalDetail): Record<string, string> {
  return {
    title: p.title,
    description: p.description,
    topic_code: p.topic_code ?? '',
    goal_code: p.goal_code ?? '',
    concept_code: p.concept_code ?? '',
    guiding_question: p.guiding_question,
    keywords: p.keywords,
    image_alt: p.image_alt,
    activities: p.activities,
    latitude: p.latitude === null ? '' : String(Number(p.latitude)),
    longitude: p.longitude === null ? '' : String(Number(p.longitude)),
    location_label: p.location_label,
    organisation: p.organisation,
    estimated_cost: p.estimated_cost === '0' ? '' : p.estimated_cost.split('.')[0]!,
    sub_envelope_id: p.sub_envelope_id ?? '',
  };
}

function StepsNav(props: { ctx: ViewContext; step: WizardStep; base: string | null }) {
  const { t } = props.ctx;
  return (
    <nav aria-label={t('participatory-budgets.proposals.wizard.steps')}>
      <ol class="wizard-steps">
        {WIZARD_STEPS.map((s) => {
          const label = t(`participatory-budgets.proposals.wizard.step_${s}`);
          return (
            <li class={s === props.step ? 'wizard-step-current' : undefined} aria-current={s === props.step ? 'step' : undefined}>
              {props.base && s !== props.step ? <a href={`${props.base}/paso/${s}`}>{label}</a> : <span>{label}</span>}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function DescriptionStep(props: ProposalWizardPageProps) {
  const { ctx, values, errors, options } = props;
  const { t } = ctx;
  const topicName = new Map(options.topics.map((o) => [o.code, o.name]));
  const hasImage = Boolean(props.proposal?.image_file_id);
  const imageError = errors?.image;
  return (
    <>
      <TextField t={t} name="title" label={t(`${L}title`)} hint={t(`${L}title_hint`)} value={values.title} errors={errors} required maxLength={200} />
      <TextAreaField t={t} name="description" label={t(`${L}description`)} hint={t(`${L}description_hint`)} value={values.description} errors={errors} required rows={8} maxLength={10000} />
      <SelectField
        t={t}
        name="topic_code"
        label={t(`${L}topic_code`)}
        value={values.topic_code}
        errors={errors}
        required
        placeholder={t(`${L}choose`)}
        options={options.topics.map((o) => ({ value: o.code, label: o.name }))}
      />
      <SelectField
        t={t}
        name="goal_code"
        label={t(`${L}goal_code`)}
        hint={t(`${L}goal_code_hint`)}
        value={values.goal_code}
        errors={errors}
        placeholder={t(`${L}no_goal`)}
        options={options.goals.map((o) => ({ value: o.code, label: `${o.name} (${topicName.get(o.topic_code) ?? o.topic_code})` }))}
      />
      <SelectField
        t={t}
        name="concept_code"
        label={t(`${L}concept_code`)}
        hint={t(`${L}concept_code_hint`)}
        value={values.concept_code}
        errors={errors}
        required
        placeholder={t(`${L}choose`)}
        options={options.concepts.map((o) => ({ value: o.code, label: o.name }))}
      />
      <TextField t={t} name="guiding_question" label={t(`${L}guiding_question`)} hint={t(`${L}guiding_question_hint`)} value={values.guiding_question} errors={errors} maxLength={500} />
      <TextField t={t} name="keywords" label={t(`${L}keywords`)} hint={t(`${L}keywords_hint`)} value={values.keywords} errors={errors} maxLength={300} />
      <div class={imageError ? 'field field-error' : 'field'}>
        <label for="image">
          {t(`${L}image`)} <span class="optional">({t('forms.optional')})</span>
        </label>
        <p class="hint" id="image-hint">
          {t(`${L}image_hint`)}
        </p>
        {imageError && (
          <p class="error-message" id="image-error">
            <span class="visually-hidden">{t('forms.error_prefix')} </span>
            {t(imageError.key, imageError.vars)}
          </p>
        )}
        <input
          id="image"
          name="image"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          aria-invalid={imageError ? 'true' : undefined}
          aria-describedby={imageError ? 'image-hint image-error' : 'image-hint'}
        />
      </div>
      {hasImage && props.proposal && (
        <div class="field">
          <img class="proposal-thumb" src={`${proposalPath(props.edition, props.proposal.number)}/imagen`} alt={props.proposal.image_alt} width={160} />
          <p class="choice">
            <input type="checkbox" id="remove_image" name="remove_image" value="1" checked={values.remove_image === '1'} />{' '}
            <label for="remove_image">{t(`${L}remove_image`)}</label>
          </p>
        </div>
      )}
      <TextField t={t} name="image_alt" label={t(`${L}image_alt`)} hint={t(`${L}image_alt_hint`)} value={values.image_alt} errors={errors} maxLength={300} />
    </>
  );
}

function IdeaStep(props: ProposalWizardPageProps) {
  const { ctx, values, errors, envelope } = props;
  const { t } = ctx;
  return (
    <>
      <TextAreaField t={t} name="activities" label={t(`${L}activities`)} hint={t(`${L}activities_hint`)} value={values.activities} errors={errors} required rows={8} maxLength={5000} />
      <fieldset>
        <legend>{t(`${L}location`)}</legend>
        <p class="hint">{t(`${L}location_hint`, { localidad: envelope.localidad_name ?? envelope.name })}</p>
        <TextField t={t} name="latitude" label={t(`${L}latitude`)} hint={t(`${L}latitude_hint`)} value={values.latitude} errors={errors} inputmode="decimal" maxLength={20} />
        <TextField t={t} name="longitude" label={t(`${L}longitude`)} hint={t(`${L}longitude_hint`)} value={values.longitude} errors={errors} inputmode="decimal" maxLength={20} />
        <TextField t={t} name="location_label" label={t(`${L}location_label`)} hint={t(`${L}location_label_hint`)} value={values.location_label} errors={errors} maxLength={300} />
      </fieldset>
    </>
  );
}

function CostStep(props: ProposalWizardPageProps) {
  const { ctx, values, errors, envelope, subEnvelopes } = props;
  const { t, locale } = ctx;
  return (
    <>
      {subEnvelopes.length > 0 && (
        <SelectField
          t={t}
          name="sub_envelope_id"
          label={t(`${L}sub_envelope_id`)}
          hint={t(`${L}sub_envelope_id_hint`)}
          value={values.sub_envelope_id}
          errors={errors}
          required
          placeholder={t(`${L}choose`)}
          options={subEnvelopes.map((s) => ({ value: s.id, label: `${s.name} (${formatCop(locale, s.amount)})` }))}
        />
      )}
      <TextField t={t} name="organisation" label={t(`${L}organisation`)} hint={t(`${L}organisation_hint`)} value={values.organisation} errors={errors} maxLength={200} />
      <TextField
        t={t}
        name="estimated_cost"
        label={t(`${L}estimated_cost`)}
        hint={t(`${L}estimated_cost_hint`, { amount: formatCop(locale, envelope.amount) })}
        value={values.estimated_cost}
        errors={errors}
        required
        inputmode="numeric"
        maxLength={30}
      />
    </>
  );
}

function ReviewStep(props: ProposalWizardPageProps & { base: string }) {
  const { ctx, proposal, options, missing = [] } = props;
  const { t, locale } = ctx;
  if (!proposal) return null;
  const labels = fieldLabels(t);
  const name = (list: { code: string; name: string }[], code: string | null) => (code ? (list.find((o) => o.code === code)?.name ?? code) : t('participatory-budgets.proposals.none_given'));
  const text = (value: string) => value || t('participatory-budgets.proposals.none_given');
  const sections: { step: 1 | 2 | 3; rows: [string, string][] }[] = [
    {
      step: 1,
      rows: [
        [labels.title!, proposal.title],
        [labels.description!, text(proposal.description)],
        [labels.topic_code!, name(options.topics, proposal.topic_code)],
        [labels.goal_code!, name(options.goals, proposal.goal_code)],
        [labels.concept_code!, name(options.concepts, proposal.concept_code)],
        [labels.guiding_question!, text(proposal.guiding_question)],
        [labels.keywords!, text(proposal.keywords)],
        [labels.image!, proposal.image_file_id ? proposal.image_alt || t('participatory-budgets.proposals.image_without_alt') : t('participatory-budgets.proposals.none_given')],
      ],
    },
    {
      step: 2,
      rows: [
        [labels.activities!, text(proposal.activities)],
        [t(`${L}location`), proposal.latitude === null ? t('participatory-budgets.proposals.none_given') : `${Number(proposal.latitude)}, ${Number(proposal.longitude)}`],
        [labels.location_label!, text(proposal.location_label)],
      ],
    },
    {
      step: 3,
      rows: [
        ...(props.subEnvelopes.length > 0 ? [[labels.sub_envelope_id!, proposal.sub_envelope_name ?? t('participatory-budgets.proposals.none_given')] as [string, string]] : []),
        [labels.organisation!, text(proposal.organisation)],
        [labels.estimated_cost!, proposal.estimated_cost === '0' ? t('participatory-budgets.proposals.none_given') : costLabel(t, locale, proposal)],
      ],
    },
  ];
  return (
    <>
      {missing.length > 0 && (
        <div class="error-summary" role="alert" aria-labelledby="missing-title">
          <h2 id="missing-title">{t('participatory-budgets.proposals.wizard.missing')}</h2>
          <ul>
            {missing.map((m) => (
              <li>
                <a href={`${props.base}/paso/${m.step}`}>{t('participatory-budgets.proposals.wizard.missing_field', { field: labels[m.field] ?? m.field, step: m.step })}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {sections.map((section) => (
        <section aria-labelledby={`review-${section.step}`}>
          <h2 id={`review-${section.step}`}>{t(`participatory-budgets.proposals.wizard.step_${section.step}`)}</h2>
          <dl class="facts">
            {section.rows.map(([label, value]) => (
              <>
                <dt>{label}</dt>
                <dd class="pre-line">{value}</dd>
              </>
            ))}
          </dl>
          <p>
            <a href={`${props.base}/paso/${section.step}`}>
              {t('participatory-budgets.proposals.wizard.change')}
              <span class="visually-hidden"> ({t(`participatory-budgets.proposals.wizard.step_${section.step}`)})</span>
            </a>
          </p>
        </section>
      ))}
    </>
  );
}

/**
 * "Registra tu propuesta": four steps, each a plain form posted to the server, which checks it,
 * saves the draft and moves on, so it works without JavaScript. The last step reviews and submits.
 */
export function ProposalWizardPage(props: ProposalWizardPageProps) {
  const { ctx, edition, envelope, step, proposal } = props;
  const { t } = ctx;
  const localidad = envelope.localidad_name ?? envelope.name;
  const base = proposal ? proposalPath(edition, proposal.number) : null;
  const action = base ? `${base}/paso/${step}` : `${envelopePath(edition, envelope)}/proponer`;
  const editing = proposal && proposal.status !== 'draft';
  const heading = editing ? t('participatory-budgets.proposals.wizard.edit_title', { number: proposal.number }) : t('participatory-budgets.proposals.wizard.title');
  const stepTitle = t(`participatory-budgets.proposals.wizard.step_${step}`);
  const hasErrors = Boolean(props.errors && Object.keys(props.errors).length > 0);
  return (
    <Layout
      ctx={ctx}
      title={`${hasErrors ? `${t('participatory-budgets.proposals.wizard.error_title_prefix')} ` : ''}${heading}: ${stepTitle}`}
      breadcrumbs={[
        { href: '/', label: t('nav.home') },
        { href: '/presupuestos-participativos', label: t('participatory-budgets.title') },
        { href: editionPath(edition), label: edition.title },
        { href: envelopePath(edition, envelope), label: localidad },
        ...(base && proposal ? [{ href: base, label: `#${proposal.number}` }] : []),
        { label: heading },
      ]}
    >
      <h1>
        {heading}
        <span class="wizard-step-title">
          {' '}
          — {t('participatory-budgets.proposals.wizard.step_of', { step, steps: WIZARD_STEPS.length })}: {stepTitle}
        </span>
      </h1>
      <p class="lead">{t(editing ? 'participatory-budgets.proposals.wizard.edit_lead' : 'participatory-budgets.proposals.wizard.lead', { localidad })}</p>
      <StepsNav ctx={ctx} step={step} base={base} />
      <ErrorSummary t={t} errors={props.errors} labels={fieldLabels(t)} />
      {step === 4 ? (
        <>
          <ReviewStep {...props} base={base!} />
          {editing ? (
            <p>
              <a class="button" href={base!}>
                {t('participatory-budgets.proposals.wizard.back_to_proposal')}
              </a>
            </p>
          ) : (
            <Form ctx={ctx} action={action}>
              <p>{t('participatory-budgets.proposals.wizard.submit_note')}</p>
              <Button>{t('participatory-budgets.proposals.wizard.submit')}</Button>
            </Form>
          )}
        </>
      ) : (
        <Form ctx={ctx} action={action} multipart={step === 1} novalidate class="proposal-form">
          {step === 1 && <DescriptionStep {...props} />}
          {step === 2 && <IdeaStep {...props} />}
          {step === 3 && <CostStep {...props} />}
          <p class="wizard-actions">
            <Button>{t(editing && step === 3 ? 'participatory-budgets.proposals.wizard.save_review' : 'participatory-budgets.proposals.wizard.save_continue')}</Button>
            {base && step > 1 && (
              <>
                {' '}
                <a href={`${base}/paso/${step - 1}`}>{t('participatory-budgets.proposals.wizard.previous')}</a>
              </>
            )}
          </p>
          {!proposal && <p class="hint">{t('participatory-budgets.proposals.wizard.draft_note')}</p>}
        </Form>
      )}
    </Layout>
  );
}
