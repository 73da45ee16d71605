import { CommentThread, type InlineFormState } from '../../../core/views/components/comment-thread.tsx';
import type { Decision } from '../../../core/permissions/permissions.ts';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { ProposalComment } from '../proposals.queries.ts';
import { DeniedAction } from './ProposalDenial.tsx';

/** A comment form that came back with an error: the new comment (`comment`), a reply (`reply:<id>`) or a hiding (`hide:<id>`). */
export type CommentFormState = InlineFormState;

const C = 'participatory-budgets.proposals.comments.';

/**
 * The proposal's comments: the core thread (one level of replies, moderators hide with a public
 * reason; proposals take no reports) with the proposals' wording, after a summary of what a form
 * that came back got wrong. Works without JavaScript.
 */
export function ProposalComments(props: { ctx: ViewContext; base: string; comments: ProposalComment[]; comment: Decision; moderate: boolean; form?: CommentFormState }) {
  const { ctx, form } = props;
  const error = form && Object.values(form.errors)[0];
  return (
    <>
      {error && (
        <div class="error-summary" role="alert">
          <p>{ctx.t(error.key, error.vars)}</p>
        </div>
      )}
      <CommentThread
        ctx={ctx}
        base={props.base}
        comments={props.comments}
        keys={C}
        deletedAccountKey={`${C}deleted_account`}
        canComment={props.comment.allowed}
        canReport={false}
        moderate={props.moderate}
        form={form}
        maxLength={4000}
        denied={!props.comment.allowed && <DeniedAction ctx={ctx} action="comment" reason={props.comment.reason} id="comment-denied" />}
      />
    </>
  );
}
