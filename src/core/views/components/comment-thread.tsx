import type { ComponentChildren } from 'preact';
import type { ThreadComment } from '../../comments/thread.ts';
import type { FieldErrors } from '../../http/errors.ts';
import { formatDate } from '../../i18n/i18n.ts';
import type { ViewContext } from '../view-context.ts';
import { Button, Form } from './forms.tsx';

/** A form of a page with many small forms that came back with errors (which one, what was wrong, what was typed). */
export interface InlineFormState {
  form: string;
  errors: FieldErrors;
  values: Record<string, string>;
}

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

export interface CommentThreadProps {
  ctx: ViewContext;
  /** Where the forms post: `<base>/comentarios`, `<base>/comentarios/<id>/reportar|ocultar`. */
  base: string;
  comments: ThreadComment[];
  /**
   * Prefix of the module's i18n keys (ending in '.'): heading, none, new, send, reply, reply_label,
   * send_reply, replies_to, report, report_reason, report_submit, hide, hide_reason, hide_submit,
   * hidden, reports.
   */
  keys: string;
  /** i18n key of the name shown for a deleted account. */
  deletedAccountKey: string;
  canComment: boolean;
  canReport: boolean;
  moderate: boolean;
  /** Shown instead of the new-comment form when the person may not comment (why, and what to do). */
  denied: ComponentChildren;
  form?: InlineFormState;
  /** Longest body the module's table accepts. */
  maxLength: number;
}

function Comment(props: CommentThreadProps & { comment: ThreadComment; reply: boolean }) {
  const { ctx, base, comment, form, keys: K } = props;
  const { t } = ctx;
  const formFor = (name: string) => (form?.form === `${name}:${comment.id}` ? form : undefined);
  const replyForm = formFor('reply');
  const hideForm = formFor('hide');
  const reportForm = formFor('report');
  const visible = comment.hidden_reason === null;
  const author = comment.author_name || t(props.deletedAccountKey);
  return (
    <li id={`comentario-${comment.id}`} class="comment">
      <p class="comment-meta">
        <strong>{author}</strong> · <time dateTime={comment.created_at.toISOString()}>{formatDate(ctx.locale, comment.created_at, true)}</time>
        {props.moderate && comment.reports > 0 && <> · {t(`${K}reports`, { count: comment.reports })}</>}
      </p>
      {visible ? <p class="pre-line">{comment.body}</p> : <p class="comment-hidden">{t(`${K}hidden`, { reason: comment.hidden_reason! })}</p>}
      {visible && props.canComment && !props.reply && (
        <details open={Boolean(replyForm)}>
          <summary>{t(`${K}reply`)}</summary>
          <Form ctx={ctx} action={`${base}/comentarios`} novalidate>
            <input type="hidden" name="parent_id" value={comment.id} />
            <InlineTextArea ctx={ctx} id={`reply-${comment.id}`} name="body" label={t(`${K}reply_label`, { name: author })} value={replyForm?.values.body} error={replyForm?.errors.body} maxLength={props.maxLength} />
            <Button kind="secondary">{t(`${K}send_reply`)}</Button>
          </Form>
        </details>
      )}
      {visible && props.canReport && (
        <details open={Boolean(reportForm)}>
          <summary>{t(`${K}report`)}</summary>
          <Form ctx={ctx} action={`${base}/comentarios/${comment.id}/reportar`} novalidate>
            <InlineTextArea ctx={ctx} id={`report-${comment.id}`} name="reason" label={t(`${K}report_reason`)} value={reportForm?.values.reason} error={reportForm?.errors.reason} rows={2} maxLength={500} />
            <Button kind="secondary">{t(`${K}report_submit`)}</Button>
          </Form>
        </details>
      )}
      {visible && props.moderate && (
        <details open={Boolean(hideForm)}>
          <summary>{t(`${K}hide`)}</summary>
          <Form ctx={ctx} action={`${base}/comentarios/${comment.id}/ocultar`} novalidate>
            <InlineTextArea ctx={ctx} id={`hide-${comment.id}`} name="reason" label={t(`${K}hide_reason`)} value={hideForm?.values.reason} error={hideForm?.errors.reason} rows={2} maxLength={500} />
            <Button kind="danger">{t(`${K}hide_submit`)}</Button>
          </Form>
        </details>
      )}
      {comment.replies.length > 0 && (
        <ol class="comment-replies" aria-label={t(`${K}replies_to`, { name: author })}>
          {comment.replies.map((r) => (
            <Comment {...props} comment={r} reply />
          ))}
        </ol>
      )}
    </li>
  );
}

/** Comments with one level of replies; readers report, moderators hide with a public reason. Works without JavaScript. */
export function CommentThread(props: CommentThreadProps) {
  const { ctx, base, comments, form, keys: K } = props;
  const { t } = ctx;
  const count = comments.reduce((n, c) => n + 1 + c.replies.length, 0);
  const newForm = form?.form === 'comment' ? form : undefined;
  return (
    <section aria-labelledby="comments-heading" id="comentarios">
      <h2 id="comments-heading">{t(`${K}heading`, { count })}</h2>
      {comments.length === 0 ? (
        <p>{t(`${K}none`)}</p>
      ) : (
        <ol class="comments">
          {comments.map((c) => (
            <Comment {...props} comment={c} reply={false} />
          ))}
        </ol>
      )}
      {props.canComment ? (
        <Form ctx={ctx} action={`${base}/comentarios`} novalidate>
          <InlineTextArea ctx={ctx} id="comment-body" name="body" label={t(`${K}new`)} value={newForm?.values.body} error={newForm?.errors.body} rows={4} maxLength={props.maxLength} />
          <Button>{t(`${K}send`)}</Button>
        </Form>
      ) : (
        props.denied
      )}
    </section>
  );
}
