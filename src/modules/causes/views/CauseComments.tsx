import { CommentThread } from '../../../core/views/components/comment-thread.tsx';
import type { Decision } from '../../../core/permissions/permissions.ts';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { CauseComment } from '../causes.queries.ts';
import { DeniedAction } from './components.tsx';

export { InlineTextArea, type InlineFormState } from '../../../core/views/components/comment-thread.tsx';
import type { InlineFormState } from '../../../core/views/components/comment-thread.tsx';

/** The cause's comments: the core thread with the causes' wording and next steps. Works without JavaScript. */
export function CauseComments(props: { ctx: ViewContext; base: string; comments: CauseComment[]; comment: Decision; report: Decision; moderate: boolean; form?: InlineFormState }) {
  return (
    <CommentThread
      ctx={props.ctx}
      base={props.base}
      comments={props.comments}
      keys="causes.comments."
      deletedAccountKey="causes.deleted_account"
      canComment={props.comment.allowed}
      canReport={props.report.allowed}
      moderate={props.moderate}
      form={props.form}
      maxLength={4000}
      denied={!props.comment.allowed && <DeniedAction ctx={props.ctx} action="comment" reason={props.comment.reason} id="comment-denied" />}
    />
  );
}
