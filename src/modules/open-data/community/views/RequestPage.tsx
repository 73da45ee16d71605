import type { FieldErrors } from '../../../../core/http/errors.ts';
import type { Decision } from '../../../../core/permissions/permissions.ts';
import { Button, ErrorSummary, Form, SelectField, TextAreaField } from '../../../../core/views/components/forms.tsx';
import { Layout } from '../../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../../core/views/view-context.ts';
import { datasetPath } from '../../paths.ts';
import { ANSWER_STATUSES } from '../forms.ts';
import { REQUESTS_PATH, requestPath } from '../paths.ts';
import type { RequestDetail } from '../requests.queries.ts';
import { C, Denied, StatusBadge, When } from './components.tsx';

export interface AnswerFormState {
  values: { status: string; answer: string; dataset: string };
  errors: FieldErrors;
}

function VoteBox(props: { ctx: ViewContext; request: RequestDetail; vote: Decision; voted: boolean; open: boolean }) {
  const { ctx, request } = props;
  const { t } = ctx;
  if (!props.open) return <p>{t(`${C}request.votes_closed`)}</p>;
  if (!props.vote.allowed) return <Denied ctx={ctx} action="vote" reason={props.vote.reason} id="vote-denied" />;
  return props.voted ? (
    <Form ctx={ctx} action={`${requestPath(request.id)}/voto/retirar`}>
      <p>{t(`${C}request.you_voted`)}</p>
      <Button kind="secondary">{t(`${C}request.withdraw_vote`)}</Button>
    </Form>
  ) : (
    <Form ctx={ctx} action={`${requestPath(request.id)}/voto`}>
      <Button>{t(`${C}request.vote`)}</Button>
    </Form>
  );
}

function AnswerForm(props: { ctx: ViewContext; request: RequestDetail; datasets: { name: string; title: string }[]; form?: AnswerFormState }) {
  const { ctx, request, form } = props;
  const { t } = ctx;
  const labels = { status: t(`${C}answer.status`), answer: t(`${C}answer.text`), dataset: t(`${C}answer.dataset`) };
  const statuses = ANSWER_STATUSES.filter((s) => s !== request.status);
  return (
    <section aria-labelledby="answer-form-heading">
      <h2 id="answer-form-heading">{t(`${C}answer.heading`)}</h2>
      <ErrorSummary t={t} errors={form?.errors} labels={labels} />
      <Form ctx={ctx} action={`${requestPath(request.id)}/respuesta`} novalidate>
        <SelectField t={t} name="status" label={labels.status} value={form?.values.status} errors={form?.errors} required placeholder={t(`${C}answer.choose`)} options={statuses.map((s) => ({ value: s, label: t(`${C}status.${s}`) }))} />
        <TextAreaField t={t} name="answer" label={labels.answer} hint={t(`${C}answer.text_hint`)} value={form?.values.answer} errors={form?.errors} rows={4} maxLength={4000} />
        <SelectField t={t} name="dataset" label={labels.dataset} hint={t(`${C}answer.dataset_hint`)} value={form?.values.dataset} errors={form?.errors} placeholder={t(`${C}answer.no_dataset`)} options={props.datasets.map((d) => ({ value: d.name, label: d.title }))} />
        <Button>{t(`${C}answer.submit`)}</Button>
      </Form>
    </section>
  );
}

/** `/datos/solicitudes/<id>`: the request, its votes, the official answer, and the answer form for the entity's officials. */
export function RequestPage(props: {
  ctx: ViewContext;
  request: RequestDetail;
  vote: Decision;
  voted: boolean;
  /** The answer form is shown only to those who may answer, while the request can still change. */
  answerable: boolean;
  datasets: { name: string; title: string }[];
  answerForm?: AnswerFormState;
}) {
  const { ctx, request: r } = props;
  const { t } = ctx;
  const open = r.status === 'open' || r.status === 'planned';
  return (
    <Layout ctx={ctx} title={r.title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/datos', label: t('open-data.title') }, { href: REQUESTS_PATH, label: t(`${C}requests.title`) }, { label: r.title }]}>
      <h1>{r.title}</h1>
      <p>
        <StatusBadge ctx={ctx} status={r.status} /> · {t(`${C}votes`, { count: r.vote_count })}
      </p>
      <dl class="facts">
        <dt>{t(`${C}field.entity`)}</dt>
        <dd>{r.entity_name ?? t(`${C}any_entity`)}</dd>
        <dt>{t(`${C}field.localidad`)}</dt>
        <dd>{r.localidad_name ?? t('open-data.facet.whole_district')}</dd>
        <dt>{t(`${C}request.asked_by`)}</dt>
        <dd>{r.author_name ?? t(`${C}deleted_account`)}</dd>
        <dt>{t(`${C}request.asked_on`)}</dt>
        <dd>
          <When ctx={ctx} value={r.created_at} />
        </dd>
      </dl>
      <h2>{t(`${C}field.description`)}</h2>
      <p class="pre-line">{r.description}</p>
      {r.purpose && (
        <>
          <h2>{t(`${C}field.purpose`)}</h2>
          <p class="pre-line">{r.purpose}</p>
        </>
      )}
      <section aria-labelledby="answer-heading">
        <h2 id="answer-heading">{t(`${C}request.answer_heading`)}</h2>
        {r.answered_at ? (
          <>
            <p>
              {t(`${C}request.answered_on`)} <When ctx={ctx} value={r.answered_at} />: <StatusBadge ctx={ctx} status={r.status} />
            </p>
            {r.answer && <p class="pre-line">{r.answer}</p>}
            {r.dataset_name && (
              <p>
                {t(`${C}request.answered_with`)} <a href={datasetPath(r.dataset_name)}>{r.dataset_title}</a>
              </p>
            )}
          </>
        ) : (
          <p>{t(`${C}request.no_answer`)}</p>
        )}
      </section>
      <section aria-labelledby="vote-heading">
        <h2 id="vote-heading">{t(`${C}request.vote_heading`)}</h2>
        <VoteBox ctx={ctx} request={r} vote={props.vote} voted={props.voted} open={open} />
      </section>
      {props.answerable && <AnswerForm ctx={ctx} request={r} datasets={props.datasets} form={props.answerForm} />}
    </Layout>
  );
}
