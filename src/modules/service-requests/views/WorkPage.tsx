import type { FieldErrors } from '../../../core/http/errors.ts';
import { Button, ErrorSummary, Form, SelectField, TextAreaField, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { AttachmentRow, EventRow, RequestRow, TemplateRow } from '../service-requests.queries.ts';
import { OUTCOMES } from '../service-requests.schema.ts';
import { completionRequestDeadline, isOpen, latestExtendedDue, transferDeadline } from '../terms.ts';
import { AttachmentList, DueStatus, Facts, FilesField, P, Paragraphs, Timeline, day, stateLabel, typeLabel } from './parts.tsx';

export const WORK_FIELDS = ['assignee', 'note', 'to_entity', 'transfer_reason', 'new_due', 'extension_reason', 'completion_reason', 'withdraw_reason', 'answer_outcome', 'answer_text', 'files'] as const;

export interface WorkPageProps {
  ctx: ViewContext;
  request: RequestRow;
  events: EventRow[];
  files: AttachmentRow[];
  notes: { id: string; body: string; created_at: Date; author_name: string | null }[];
  officials: { id: string; display_name: string }[];
  entities: { code: string; acronym: string; name: string }[];
  templates: TemplateRow[];
  today: string;
  /** Values typed in the form that came back with errors. */
  values?: Record<string, string>;
  errors?: FieldErrors;
  /** Which actions the person may take (each is also checked on submit). */
  can: { transfer: boolean; extend: boolean; completion: boolean; answer: boolean };
}

/** An official's page for one request: everything about it, the internal notes, and every action. */
export function WorkPage(props: WorkPageProps) {
  const { ctx, request: r, values = {}, errors } = props;
  const { t, locale } = ctx;
  const title = t(`${P}.work.title`, { radicado: r.radicado });
  const base = `/pqrs/gestion/${r.radicado}`;
  const open = isOpen(r.state);
  const labels = Object.fromEntries(WORK_FIELDS.map((f) => [f, t(`${P}.fields.${f}`)]));
  const requesterFacts: [string, string][] =
    r.requester_kind === 'account'
      ? [
          [t(`${P}.fields.name`), r.account_name ?? '—'],
          [t(`${P}.fields.email`), r.account_email ?? '—'],
        ]
      : r.requester_kind === 'contact'
        ? [
            [t(`${P}.fields.name`), r.requester_name ?? '—'],
            [t(`${P}.fields.email`), r.requester_email ?? '—'],
            [t(`${P}.fields.address`), r.requester_address ?? '—'],
            [t(`${P}.fields.phone`), r.requester_phone ?? '—'],
            [t(`${P}.fields.document_type`), r.document_type ? t(`${P}.document_types.${r.document_type}`) : '—'],
          ]
        : [];
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/pqrs/gestion', label: t(`${P}.queue.title`) }, { label: r.radicado }]}>
      <h1>{title}</h1>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <Facts
        items={[
          [t(`${P}.fields.state`), <strong>{stateLabel(t, r.state)}</strong>],
          [t(`${P}.fields.type`), `${typeLabel(t, r.type_code)} (${t(`${P}.home.days`, { count: r.term_days })})`],
          [t(`${P}.fields.entity`), r.entity_name],
          [t(`${P}.fields.channel`), t(`${P}.channels.${r.channel}`)],
          [t(`${P}.fields.filed_on`), day(locale, r.filed_on)],
          [
            t(`${P}.fields.due_on`),
            <>
              {day(locale, r.due_on)} <DueStatus t={t} state={r.state} dueOn={r.due_on} today={props.today} />
            </>,
          ],
          [t(`${P}.fields.assignee`), r.assignee_name ?? t(`${P}.queue.unassigned`)],
          [t(`${P}.fields.requester`), t(`${P}.requester_kinds.${r.requester_kind}`)],
          ...requesterFacts,
        ]}
      />
      <h2>{r.subject}</h2>
      <Paragraphs text={r.description} />
      <AttachmentList ctx={ctx} label={t(`${P}.follow.filing_files`)} files={props.files.filter((f) => f.kind !== 'answer')} />
      {r.state === 'answered' && (
        <section aria-labelledby="answer-title">
          <h2 id="answer-title">{t(`${P}.follow.answer_title`)}</h2>
          <p>
            {t(`${P}.follow.answered_on`, { date: day(locale, r.answered_on) })} {t(`${P}.outcomes.${r.answer_outcome ?? 'informative'}`)}
          </p>
          <Paragraphs text={r.answer_text ?? ''} />
          <AttachmentList ctx={ctx} label={t(`${P}.follow.answer_files`)} files={props.files.filter((f) => f.kind === 'answer')} />
        </section>
      )}

      {(open || r.state === 'awaiting_completion') && (
        <section aria-labelledby="assign-title">
          <h2 id="assign-title">{t(`${P}.work.assign_title`)}</h2>
          <Form ctx={ctx} action={`${base}/asignar`} novalidate>
            <SelectField
              t={t}
              name="assignee"
              label={t(`${P}.fields.assignee`)}
              value={values.assignee ?? r.assigned_to ?? ''}
              errors={errors}
              placeholder={t(`${P}.queue.unassigned`)}
              options={props.officials.map((o) => ({ value: o.id, label: o.display_name }))}
            />
            <Button kind="secondary">{t(`${P}.work.assign_submit`)}</Button>
          </Form>
        </section>
      )}

      {open && props.can.answer && (
        <section aria-labelledby="answer-form-title">
          <h2 id="answer-form-title">{t(`${P}.work.answer_title`)}</h2>
          {props.templates.length > 0 && (
            <>
              <p>{t(`${P}.work.templates_lead`)}</p>
              <ul>
                {props.templates.map((tpl) => (
                  <li>
                    <a href={`${base}?plantilla=${tpl.id}#answer_text`}>{tpl.title}</a>
                  </li>
                ))}
              </ul>
            </>
          )}
          <Form ctx={ctx} action={`${base}/responder`} multipart novalidate>
            <SelectField
              t={t}
              name="answer_outcome"
              label={t(`${P}.fields.answer_outcome`)}
              value={values.answer_outcome ?? ''}
              errors={errors}
              required
              placeholder={t(`${P}.filing.choose`)}
              options={OUTCOMES.map((o) => ({ value: o, label: t(`${P}.outcomes.${o}`) }))}
            />
            <TextAreaField t={t} name="answer_text" label={t(`${P}.fields.answer_text`)} value={values.answer_text ?? ''} errors={errors} required rows={10} maxLength={20000} />
            <FilesField t={t} label={t(`${P}.fields.files`)} errors={errors} />
            <Button>{t(`${P}.work.answer_submit`)}</Button>
          </Form>
        </section>
      )}

      {open && props.can.extend && (
        <section aria-labelledby="extend-title">
          <h2 id="extend-title">{t(`${P}.work.extend_title`)}</h2>
          {r.extended_at ? (
            <p>{t(`${P}.work.already_extended`)}</p>
          ) : props.today >= r.due_on ? (
            <p>{t(`${P}.work.extend_closed`)}</p>
          ) : (
            <Form ctx={ctx} action={`${base}/prorrogar`} novalidate>
              <TextField
                t={t}
                name="new_due"
                type="date"
                label={t(`${P}.fields.new_due`)}
                hint={t(`${P}.hints.new_due`, { latest: day(locale, latestExtendedDue(r)) })}
                value={values.new_due ?? ''}
                errors={errors}
                required
              />
              <TextAreaField t={t} name="extension_reason" label={t(`${P}.fields.extension_reason`)} hint={t(`${P}.hints.told_to_citizen`)} value={values.extension_reason ?? ''} errors={errors} required rows={3} maxLength={4000} />
              <Button kind="secondary">{t(`${P}.work.extend_submit`)}</Button>
            </Form>
          )}
        </section>
      )}

      {open && props.can.completion && (
        <section aria-labelledby="completion-title">
          <h2 id="completion-title">{t(`${P}.work.completion_title`)}</h2>
          {props.today > completionRequestDeadline(r.filed_on) || r.completion_requested_on ? (
            <p>{t(`${P}.work.completion_closed`, { date: day(locale, completionRequestDeadline(r.filed_on)) })}</p>
          ) : (
            <Form ctx={ctx} action={`${base}/solicitar-completar`} novalidate>
              <TextAreaField
                t={t}
                name="completion_reason"
                label={t(`${P}.fields.completion_reason`)}
                hint={t(`${P}.hints.completion_reason`, { date: day(locale, completionRequestDeadline(r.filed_on)) })}
                value={values.completion_reason ?? ''}
                errors={errors}
                required
                rows={3}
                maxLength={4000}
              />
              <Button kind="secondary">{t(`${P}.work.completion_submit`)}</Button>
            </Form>
          )}
        </section>
      )}

      {r.state === 'awaiting_completion' && props.can.completion && (
        <section aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">{t(`${P}.work.withdraw_title`)}</h2>
          {props.today <= (r.completion_deadline_on ?? '') ? (
            <p>{t(`${P}.work.withdraw_not_yet`, { date: day(locale, r.completion_deadline_on) })}</p>
          ) : (
            <Form ctx={ctx} action={`${base}/desistir`} novalidate>
              <TextAreaField t={t} name="withdraw_reason" label={t(`${P}.fields.withdraw_reason`)} hint={t(`${P}.hints.told_to_citizen`)} value={values.withdraw_reason ?? ''} errors={errors} required rows={3} maxLength={4000} />
              <Button kind="danger">{t(`${P}.work.withdraw_submit`)}</Button>
            </Form>
          )}
        </section>
      )}

      {open && props.can.transfer && (
        <section aria-labelledby="transfer-title">
          <h2 id="transfer-title">{t(`${P}.work.transfer_title`)}</h2>
          {props.today > transferDeadline(r.filed_on) ? (
            <p>{t(`${P}.work.transfer_closed`, { date: day(locale, transferDeadline(r.filed_on)) })}</p>
          ) : (
            <Form ctx={ctx} action={`${base}/trasladar`} novalidate>
              <SelectField
                t={t}
                name="to_entity"
                label={t(`${P}.fields.to_entity`)}
                hint={t(`${P}.hints.to_entity`, { date: day(locale, transferDeadline(r.filed_on)) })}
                value={values.to_entity ?? ''}
                errors={errors}
                required
                placeholder={t(`${P}.filing.choose`)}
                options={props.entities.filter((e) => e.code !== r.entity_code).map((e) => ({ value: e.code, label: `${e.name} (${e.acronym})` }))}
              />
              <TextAreaField t={t} name="transfer_reason" label={t(`${P}.fields.transfer_reason`)} hint={t(`${P}.hints.told_to_citizen`)} value={values.transfer_reason ?? ''} errors={errors} required rows={3} maxLength={4000} />
              <Button kind="secondary">{t(`${P}.work.transfer_submit`)}</Button>
            </Form>
          )}
        </section>
      )}

      <section aria-labelledby="notes-title">
        <h2 id="notes-title">{t(`${P}.work.notes_title`)}</h2>
        <p class="hint">{t(`${P}.work.notes_internal`)}</p>
        {props.notes.length > 0 && (
          <ul>
            {props.notes.map((n) => (
              <li>
                <strong>
                  {n.author_name ?? '—'}, {day(locale, n.created_at.toISOString())}:
                </strong>{' '}
                {n.body}
              </li>
            ))}
          </ul>
        )}
        <Form ctx={ctx} action={`${base}/nota`} novalidate>
          <TextAreaField t={t} name="note" label={t(`${P}.fields.note`)} value={values.note ?? ''} errors={errors} required rows={3} maxLength={4000} />
          <Button kind="secondary">{t(`${P}.work.note_submit`)}</Button>
        </Form>
      </section>

      <h2>{t(`${P}.follow.timeline`)}</h2>
      <Timeline ctx={ctx} events={props.events} showActors />
    </Layout>
  );
}
