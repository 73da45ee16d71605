import type { FieldErrors } from '../../../core/http/errors.ts';
import type { Decision } from '../../../core/permissions/permissions.ts';
import { Button, Form } from '../../../core/views/components/forms.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { CauseComment } from '../causes.queries.ts';
import { DeniedAction, When } from './components.tsx';

/** A form of the cause page that came back with errors (which one, what was wrong, what was typed). */
export interface InlineFormState {
  form: string;
  errors: FieldErrors;
  values: Record<string, string>;
}

const C = 'causes.comments.';

/** A labelled textarea whose id differs from its field name (many such forms share one page). */
export function InlineTextArea(props: { ctx: ViewContext; id: string; name: string; label: string; value?: string; error?: FieldErrors[string]; rows?: number; maxLength: number }) {
  const { t } = props.ctx;
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.error && (
        <p class="error-message" id={`${props.id}-error`}>
          <span class="visually-hidden">{t('forms.error_prefix')} </span>
          {t(props.error.key, props.error.vars)}
        </p>
      )}
      <textarea id={props.id} name={props.name} rows={props.rows ?? 3} maxLength={props.maxLength} aria-invalid={props.error ? 'true' : undefined} aria-describedby={props.error ? `${props.id}-error` : undefined}>
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

interface CommentProps {
  ctx: ViewContext;
  base: string;
  comment: CauseComment;
  canReply: boolean;
  canReport: boolean;
  moderate: boolean;
  form?: InlineFormState;
  reply: boolean;
}

function Comment(props: CommentProps) {
  const { ctx, base, comment, form } = props;
  const { t } = ctx;
  const formFor = (name: string) => (form?.form === `${name}:${comment.id}` ? form : undefined);
  const replyForm = formFor('reply');
  const hideForm = formFor('hide');
  const reportForm = formFor('report');
  const visible = comment.hidden_reason === null;
  const author = comment.author_name || t('causes.deleted_account');
  return (
    <li id={`comentario-${comment.id}`} class="comment">
      <p class="comment-meta">
        <strong>{author}</strong> · <When ctx={ctx} value={comment.created_at} withTime />
        {props.moderate && comment.reports > 0 && <> · {t(`${C}reports`, { count: comment.reports })}</>}
      </p>
      {visible ? <p class="pre-line">{comment.body}</p> : <p class="comment-hidden">{t(`${C}hidden`, { reason: comment.hidden_reason! })}</p>}
      {visible && props.canReply && !props.reply && (
        <details open={Boolean(replyForm)}>
          <summary>{t(`${C}reply`)}</summary>
          <Form ctx={ctx} action={`${base}/comentarios`} novalidate>
            <input type="hidden" name="parent_id" value={comment.id} />
            <InlineTextArea ctx={ctx} id={`reply-${comment.id}`} name="body" label={t(`${C}reply_label`, { name: author })} value={replyForm?.values.body} error={replyForm?.errors.body} maxLength={4000} />
            <Button kind="secondary">{t(`${C}send_reply`)}</Button>
          </Form>
        </details>
      )}
      {visible && props.canReport && (
        <details open={Boolean(reportForm)}>
          <summary>{t(`${C}report`)}</summary>
          <Form ctx={ctx} action={`${base}/comentarios/${comment.id}/reportar`} novalidate>
            <InlineTextArea ctx={ctx} id={`report-${comment.id}`} name="reason" label={t(`${C}report_reason`)} value={reportForm?.values.reason} error={reportForm?.errors.reason} rows={2} maxLength={500} />
            <Button kind="secondary">{t(`${C}report_submit`)}</Button>
          </Form>
        </details>
      )}
      {visible && props.moderate && (
        <details open={Boolean(hideForm)}>
          <summary>{t(`${C}hide`)}</summary>
          <Form ctx={ctx} action={`${base}/comentarios/${comment.id}/ocultar`} novalidate>
            <InlineTextArea ctx={ctx} id={`hide-${comment.id}`} name="reason" label={t(`${C}hide_reason`)} value={hideForm?.values.reason} error={hideForm?.errors.reason} rows={2} maxLength={500} />
            <Button kind="danger">{t(`${C}hide_submit`)}</Button>
          </Form>
        </details>
      )}
      {comment.replies.length > 0 && (
        <ol class="comment-replies" aria-label={t(`${C}replies_to`, { name: author })}>
          {comment.replies.map((r) => (
            <Comment {...props} comment={r} reply />
          ))}
        </ol>
      )}
    </li>
  );
}

/** Comments with one level of replies; readers report, moderators hide with a public reason. Works without JavaScript. */
export function CauseComments(props: { ctx: ViewContext; base: string; comments: CauseComment[]; comment: Decision; report: Decision; moderate: boolean; form?: InlineFormState }) {
  const { ctx, base, comments, form } = props;
  const { t } = ctx;
  const count = comments.reduce((n, c) => n + 1 + c.replies.length, 0);
  const newForm = form?.form === 'comment' ? form : undefined;
  return (
    <section aria-labelledby="comments-heading" id="comentarios">
      <h2 id="comments-heading">{t(`${C}heading`, { count })}</h2>
      {comments.length === 0 ? (
        <p>{t(`${C}none`)}</p>
      ) : (
        <ol class="comments">
          {comments.map((c) => (
            <Comment ctx={ctx} base={base} comment={c} canReply={props.comment.allowed} canReport={props.report.allowed} moderate={props.moderate} form={form} reply={false} />
          ))}
        </ol>
      )}
      {props.comment.allowed ? (
        <Form ctx={ctx} action={`${base}/comentarios`} novalidate>
          <InlineTextArea ctx={ctx} id="comment-body" name="body" label={t(`${C}new`)} value={newForm?.values.body} error={newForm?.errors.body} rows={4} maxLength={4000} />
          <Button>{t(`${C}send`)}</Button>
        </Form>
      ) : (
        <DeniedAction ctx={ctx} action="comment" reason={props.comment.reason} id="comment-denied" />
      )}
    </section>
  );
}
