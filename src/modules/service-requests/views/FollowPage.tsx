import type { FieldErrors } from '../../../core/http/errors.ts';
import { Button, ErrorSummary, Form, TextAreaField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { AttachmentRow, EventRow, RequestRow } from '../service-requests.queries.ts';
import { AttachmentList, DueStatus, Facts, FilesField, P, Paragraphs, Timeline, day, stateLabel, typeLabel } from './parts.tsx';

/** The citizen's view of a request: state, due date, every public step, the answer, and completion. */
export function FollowPage(props: {
  ctx: ViewContext;
  request: RequestRow;
  events: EventRow[];
  files: AttachmentRow[];
  today: string;
  completion?: { text: string; errors?: FieldErrors };
  staffLink: boolean;
}) {
  const { ctx, request: r, events, files } = props;
  const { t, locale } = ctx;
  const title = t(`${P}.follow.request_title`, { radicado: r.radicado });
  const lastCompletionAsk = [...events].reverse().find((e) => e.kind === 'completion_requested');
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/pqrs', label: t(`${P}.title`) }, { label: r.radicado }]}>
      <h1>{title}</h1>
      <Facts
        items={[
          [t(`${P}.fields.state`), <strong>{stateLabel(t, r.state)}</strong>],
          [t(`${P}.fields.type`), typeLabel(t, r.type_code)],
          [t(`${P}.fields.entity`), r.entity_name],
          [t(`${P}.fields.channel`), t(`${P}.channels.${r.channel}`)],
          [t(`${P}.fields.filed_on`), day(locale, r.filed_on)],
          [
            t(`${P}.fields.due_on`),
            <>
              {day(locale, r.due_on)} <DueStatus t={t} state={r.state} dueOn={r.due_on} today={props.today} />
            </>,
          ],
          [t(`${P}.fields.requester`), t(`${P}.requester_kinds.${r.requester_kind}`)],
        ]}
      />
      {props.staffLink && (
        <p>
          <a href={`/pqrs/gestion/${r.radicado}`}>{t(`${P}.follow.staff_link`)}</a>
        </p>
      )}
      {r.state === 'awaiting_completion' && (
        <section aria-labelledby="completion-title">
          <h2 id="completion-title">{t(`${P}.follow.completion_title`)}</h2>
          <p>{t(`${P}.follow.completion_lead`, { deadline: day(locale, r.completion_deadline_on) })}</p>
          {lastCompletionAsk?.reason && <Paragraphs text={lastCompletionAsk.reason} />}
          <ErrorSummary t={t} errors={props.completion?.errors} labels={{ text: t(`${P}.fields.completion_text`), files: t(`${P}.fields.files`) }} />
          <Form ctx={ctx} action={`/pqrs/seguimiento/${r.radicado}/completar`} multipart novalidate>
            <TextAreaField t={t} name="text" label={t(`${P}.fields.completion_text`)} value={props.completion?.text ?? ''} errors={props.completion?.errors} required rows={6} maxLength={10000} />
            <FilesField t={t} label={t(`${P}.fields.files`)} errors={props.completion?.errors} />
            <Button>{t(`${P}.follow.completion_submit`)}</Button>
          </Form>
        </section>
      )}
      {r.state === 'answered' && (
        <section aria-labelledby="answer-title">
          <h2 id="answer-title">{t(`${P}.follow.answer_title`)}</h2>
          <p>
            {t(`${P}.follow.answered_on`, { date: day(locale, r.answered_on) })} {t(`${P}.outcomes.${r.answer_outcome ?? 'informative'}`)}
          </p>
          {r.requester_kind === 'anonymous' && <p class="hint">{t(`${P}.follow.published_anonymous`)}</p>}
          <Paragraphs text={r.answer_text ?? ''} />
          <AttachmentList ctx={ctx} label={t(`${P}.follow.answer_files`)} files={files.filter((f) => f.kind === 'answer')} />
        </section>
      )}
      {r.state === 'withdrawn' && (
        <section aria-labelledby="withdrawn-title">
          <h2 id="withdrawn-title">{t(`${P}.states.withdrawn`)}</h2>
          <Paragraphs text={r.closed_reason ?? ''} />
        </section>
      )}
      <h2>{t(`${P}.fields.subject`)}</h2>
      <p>{r.subject}</p>
      <h2>{t(`${P}.fields.description`)}</h2>
      <Paragraphs text={r.description} />
      <AttachmentList ctx={ctx} label={t(`${P}.follow.filing_files`)} files={files.filter((f) => f.kind !== 'answer')} />
      <h2>{t(`${P}.follow.timeline`)}</h2>
      <Timeline ctx={ctx} events={events} />
    </Layout>
  );
}
