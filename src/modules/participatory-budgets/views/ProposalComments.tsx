import type { FieldErrors } from '../../../core/http/errors.ts';
import { formatDate } from '../../../core/i18n/i18n.ts';
import type { Decision } from '../../../core/permissions/permissions.ts';
import { Button, Form } from '../../../core/views/components/forms.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { ProposalComment } from '../proposals.queries.ts';
import { DeniedAction } from './ProposalDenial.tsx';

/** A comment form that came back with an error: the new comment, a reply, or a moderator's hiding. */
export interface CommentFormState {
  form: 'comment' | `reply:${string}` | `hide:${string}`;
  errors: FieldErrors;
  values: Record<string, string>;
}

const C = 'participatory-budgets.proposals.comments.';

/** A labelled textarea whose id differs from its field name (many such forms share one page). */
function TextArea(props: { ctx: ViewContext; id: string; name: string; label: string; value?: string; error?: FieldErrors[string]; rows?: number; maxLength: number }) {
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

function Comment(props: { ctx: ViewContext; base: string; comment: ProposalComment; canReply: boolean; moderate: boolean; form?: CommentFormState; reply: boolean }) {
  const { ctx, base, comment, form } = props;
  const { t, locale } = ctx;
  const replyForm = form?.form === `reply:${comment.id}` ? form : undefined;
  const hideForm = form?.form === `hide:${comment.id}` ? form : undefined;
  return (
    <li id={`comentario-${comment.id}`} class="comment">
      <p class="comment-meta">
        <strong>{comment.author_name}</strong> · <time dateTime={comment.created_at.toISOString()}>{formatDate(locale, comment.created_at, true)}</time>
      </p>
      {comment.hidden_reason !== null ? (
        <p class="comment-hidden">{t(`${C}hidden`, { reason: comment.hidden_reason })}</p>
      ) : (
        <p class="pre-line">{comment.body}</p>
      )}
      {props.canReply && !props.reply && comment.hidden_reason === null && (
        <details open={Boolean(replyForm)}>
          <summary>{t(`${C}reply`)}</summary>
          <Form ctx={ctx} action={`${base}/comentarios`} novalidate class="proposal-form">
            <input type="hidden" name="parent_id" value={comment.id} />
            <TextArea ctx={ctx} id={`reply-${comment.id}`} name="body" label={t(`${C}reply_label`, { name: comment.author_name })} value={replyForm?.values.body} error={replyForm?.errors.body} maxLength={4000} />
            <Button kind="secondary">{t(`${C}send_reply`)}</Button>
          </Form>
        </details>
      )}
      {props.moderate && comment.hidden_reason === null && (
        <details open={Boolean(hideForm)}>
          <summary>{t(`${C}hide`)}</summary>
          <Form ctx={ctx} action={`${base}/comentarios/${comment.id}/ocultar`} novalidate class="proposal-form">
            <TextArea ctx={ctx} id={`hide-${comment.id}`} name="reason" label={t(`${C}hide_reason`)} value={hideForm?.values.reason} error={hideForm?.errors.reason} rows={2} maxLength={500} />
            <Button kind="danger">{t(`${C}hide_submit`)}</Button>
          </Form>
        </details>
      )}
      {comment.replies.length > 0 && (
        <ol class="comment-replies" aria-label={t(`${C}replies_to`, { name: comment.author_name })}>
          {comment.replies.map((r) => (
            <Comment ctx={ctx} base={base} comment={r} canReply={false} moderate={props.moderate} form={form} reply />
          ))}
        </ol>
      )}
    </li>
  );
}

/** Comments with one level of replies; moderators hide them with a public reason. Works without JavaScript. */
export function ProposalComments(props: { ctx: ViewContext; base: string; comments: ProposalComment[]; comment: Decision; moderate: boolean; form?: CommentFormState }) {
  const { ctx, base, comments, form } = props;
  const { t } = ctx;
  const count = comments.reduce((n, c) => n + 1 + c.replies.length, 0);
  const newForm = form?.form === 'comment' ? form : undefined;
  const error = form && Object.values(form.errors)[0];
  return (
    <section aria-labelledby="comments-heading">
      <h2 id="comments-heading">{t(`${C}heading`, { count })}</h2>
      {error && (
        <div class="error-summary" role="alert">
          <p>{t(error.key, error.vars)}</p>
        </div>
      )}
      {comments.length === 0 ? (
        <p>{t(`${C}none`)}</p>
      ) : (
        <ol class="comments">
          {comments.map((c) => (
            <Comment ctx={ctx} base={base} comment={c} canReply={props.comment.allowed} moderate={props.moderate} form={form} reply={false} />
          ))}
        </ol>
      )}
      {props.comment.allowed ? (
        <Form ctx={ctx} action={`${base}/comentarios`} novalidate class="proposal-form">
          <TextArea ctx={ctx} id="comment-body" name="body" label={t(`${C}new`)} value={newForm?.values.body} error={newForm?.errors.body} rows={4} maxLength={4000} />
          <Button>{t(`${C}send`)}</Button>
        </Form>
      ) : (
        <DeniedAction ctx={ctx} action="comment" reason={props.comment.reason} id="comment-denied" />
      )}
    </section>
  );
}
