import type { FieldErrors } from '../../../core/http/errors.ts';
import { formatDate, formatNumber } from '../../../core/i18n/i18n.ts';
import type { DenialReason } from '../../../core/permissions/permissions.ts';
import { Button, ErrorSummary, Form } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { fieldName } from '../answers.ts';
import { adminPath, consultationPath, type Consultation, type DocumentRow } from '../consultations.queries.ts';
import type { Channel } from '../consultations.schema.ts';
import type { QuestionDef } from '../questionnaire.ts';
import type { ConsultationResults } from '../results.queries.ts';
import { DeniedAnswer } from './Denied.tsx';
import { describeEligibility, describeWindow, paragraphs } from './labels.ts';
import { QuestionField, type FormValues } from './QuestionField.tsx';
import { ResultsSection } from './ResultsSection.tsx';

export const SCRIPT_PATH = '/assets/consultations.js';

export type AnswerArea =
  | { mode: 'form'; values: FormValues; errors?: FieldErrors; editing: boolean; participation: { channel: Channel; participated_on: string } | null }
  | { mode: 'denied'; reason: DenialReason; participation: { channel: Channel; participated_on: string } | null }
  | { mode: 'none' };

export interface ConsultationPageProps {
  ctx: ViewContext;
  consultation: Consultation;
  documents: DocumentRow[];
  questions: QuestionDef[];
  answer: AnswerArea;
  results: { results: ConsultationResults; participation: { total: number; byChannel: Record<Channel, number> } } | null;
  /** Citizens the desk clerk is assisting right now (links to answer for them). */
  assisted: { citizenId: string; name: string }[];
  canManage: boolean;
  canModerate: boolean;
  /** Set when a desk clerk answers for this citizen. */
  assistedCitizen?: { id: string; name: string } | null;
  scriptVersion: string;
}

const fileSize = (ctx: ViewContext, bytes: string) => ctx.t('consultations.documents.size', { size: formatNumber(ctx.locale, Math.max(0.1, Number(bytes) / 1048576), 1) });

function AnswerSection(props: ConsultationPageProps) {
  const { ctx, consultation: c, answer, questions } = props;
  const { t, locale } = ctx;
  if (answer.mode === 'none') return null;
  if (answer.mode === 'denied') {
    return (
      <section aria-labelledby="responder">
        <h2 id="responder">{t('consultations.answer.heading')}</h2>
        <DeniedAnswer ctx={ctx} consultation={c} reason={answer.reason} participation={answer.participation} />
        {questions.length > 0 && c.state !== 'closed' && (
          <>
            <h3>{t('consultations.answer.preview')}</h3>
            <ol class="cq-preview">
              {questions.map((q) => (
                <li>{q.title}</li>
              ))}
            </ol>
          </>
        )}
      </section>
    );
  }
  const labels = Object.fromEntries(questions.map((q) => [fieldName(q.id), t('consultations.answer.question_number', { number: q.position }) + ' ' + q.title]));
  const action = props.assistedCitizen ? `${consultationPath(c)}/acompanamiento/${props.assistedCitizen.id}` : consultationPath(c);
  return (
    <section aria-labelledby="responder">
      <h2 id="responder">{props.assistedCitizen ? t('consultations.assisted.heading', { name: props.assistedCitizen.name }) : t('consultations.answer.heading')}</h2>
      {answer.editing && answer.participation && (
        <p class="flash">{t('consultations.answer.editing', { date: formatDate(locale, answer.participation.participated_on), closes: formatDate(locale, c.closes_at, true) })}</p>
      )}
      <p>{c.secret ? t('consultations.answer.secret_note') : t('consultations.answer.public_note')}</p>
      <p>{c.allow_edit ? t('consultations.answer.edit_note', { closes: formatDate(locale, c.closes_at, true) }) : t('consultations.answer.no_edit_note')}</p>
      <Form ctx={ctx} action={action} novalidate class="cq-answer-form">
        <ErrorSummary t={t} errors={answer.errors} labels={labels} />
        {questions.map((q) => (
          <QuestionField ctx={ctx} consultationId={c.id} q={q} questions={questions} values={answer.values} errors={answer.errors} />
        ))}
        <Button>{answer.editing ? t('consultations.answer.update') : t('consultations.answer.submit')}</Button>
      </Form>
    </section>
  );
}

/** `/consultas/<id>`: the consultation, the answer form (or why one cannot answer and what to do), and its results once public. */
export function ConsultationPage(props: ConsultationPageProps) {
  const { ctx, consultation: c } = props;
  const { t, locale } = ctx;
  const hasErrors = props.answer.mode === 'form' && Object.keys(props.answer.errors ?? {}).length > 0;
  const title = props.assistedCitizen ? t('consultations.assisted.title', { title: c.title }) : c.title;
  return (
    <Layout
      ctx={ctx}
      title={hasErrors ? `${t('consultations.answer.error_title_prefix')} ${title}` : title}
      description={paragraphs(c.description)[0]}
      breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/consultas', label: t('consultations.title') }, { label: c.title }]}
      scripts={props.answer.mode === 'form' ? [`${SCRIPT_PATH}?v=${props.scriptVersion}`] : undefined}
      share={{ type: 'article' }}
    >
      <h1>{title}</h1>
      <p>
        <span class="badge">{t(`consultations.state.${c.state}`)}</span> <span class="badge">{t(c.secret ? 'consultations.secret' : 'consultations.public')}</span>
      </p>
      <dl class="facts">
        <dt>{t('consultations.facts.entity')}</dt>
        <dd>{c.entity_name}</dd>
        <dt>{t('consultations.facts.window')}</dt>
        <dd>{describeWindow(t, locale, c)}</dd>
        <dt>{t('consultations.facts.who')}</dt>
        <dd>{describeEligibility(t, c)}</dd>
      </dl>
      {(props.canManage || props.canModerate) && (
        <p>
          {props.canManage && (
            <a class="button button-secondary" href={adminPath(c)}>
              {t('consultations.manage_this')}
            </a>
          )}{' '}
          {props.canModerate && (
            <a class="button button-secondary" href={`${adminPath(c)}/moderacion`}>
              {t('consultations.moderate_this')}
            </a>
          )}
        </p>
      )}
      {paragraphs(c.description).map((p) => (
        <p>{p}</p>
      ))}
      {props.documents.length > 0 && (
        <section aria-labelledby="documentos">
          <h2 id="documentos">{t('consultations.documents.heading')}</h2>
          <ul>
            {props.documents.map((d) => (
              <li>
                <a href={`${consultationPath(c)}/documentos/${d.id}`}>{d.title}</a> ({fileSize(ctx, d.size_bytes)})
              </li>
            ))}
          </ul>
        </section>
      )}
      {!props.assistedCitizen && props.assisted.length > 0 && c.state === 'open' && (
        <section aria-labelledby="acompanamiento">
          <h2 id="acompanamiento">{t('consultations.assisted.list_heading')}</h2>
          <ul>
            {props.assisted.map((a) => (
              <li>
                <a href={`${consultationPath(c)}/acompanamiento/${a.citizenId}`}>{t('consultations.assisted.answer_for', { name: a.name })}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <AnswerSection {...props} />
      {props.results && <ResultsSection ctx={ctx} consultation={c} results={props.results.results} participation={props.results.participation} basePath={consultationPath(c)} />}
      {!props.results && c.state !== 'draft' && <p>{c.secret ? t('consultations.results.when_secret', { date: formatDate(locale, c.closes_at, true) }) : t('consultations.results.when_public', { date: formatDate(locale, c.closes_at, true) })}</p>}
    </Layout>
  );
}
