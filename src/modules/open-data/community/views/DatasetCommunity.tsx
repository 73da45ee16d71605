import type { ThreadComment } from '../../../../core/comments/thread.ts';
import type { Decision } from '../../../../core/permissions/permissions.ts';
import { CommentThread, type InlineFormState } from '../../../../core/views/components/comment-thread.tsx';
import type { ViewContext } from '../../../../core/views/view-context.ts';
import { datasetPath } from '../../paths.ts';
import { REQUESTS_PATH, requestPath, REUSES_PATH } from '../paths.ts';
import type { ReuseSummary } from '../reuses.queries.ts';
import { ReuseList } from './ReuseList.tsx';
import { C, Denied, When } from './components.tsx';

export interface DatasetCommunityProps {
  ctx: ViewContext;
  datasetName: string;
  requests: { id: string; title: string; vote_count: number; answered_at: Date | null }[];
  reuses: ReuseSummary[];
  comments: ThreadComment[];
  comment: Decision;
  moderate: boolean;
  form?: InlineFormState;
}

/** The community part of a dataset page: the requests it answered, its reuses and the comments. */
export function DatasetCommunity(props: DatasetCommunityProps) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <>
      <section aria-labelledby="od-requests-heading">
        <h2 id="od-requests-heading">{t(`${C}dataset.requests`)}</h2>
        {props.requests.length === 0 ? (
          <p>
            {t(`${C}dataset.no_requests`)} <a href={REQUESTS_PATH}>{t(`${C}dataset.see_requests`)}</a>
          </p>
        ) : (
          <ul>
            {props.requests.map((r) => (
              <li>
                <a href={requestPath(r.id)}>{r.title}</a> · {t(`${C}votes`, { count: r.vote_count })}
                {r.answered_at && (
                  <>
                    {' '}
                    · <When ctx={ctx} value={r.answered_at} />
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="od-reuses-heading">
        <h2 id="od-reuses-heading">{t(`${C}dataset.reuses`)}</h2>
        {props.reuses.length === 0 ? <p>{t(`${C}dataset.no_reuses`)}</p> : <ReuseList ctx={ctx} reuses={props.reuses} headingLevel={3} />}
        <p>
          <a href={`${REUSES_PATH}/nuevo?conjunto=${encodeURIComponent(props.datasetName)}`}>{t(`${C}dataset.add_reuse`)}</a>
        </p>
      </section>
      <CommentThread
        ctx={ctx}
        base={datasetPath(props.datasetName)}
        comments={props.comments}
        keys={`${C}comments.`}
        deletedAccountKey={`${C}deleted_account`}
        canComment={props.comment.allowed}
        canReport={props.comment.allowed}
        moderate={props.moderate}
        form={props.form}
        maxLength={2000}
        denied={!props.comment.allowed && <Denied ctx={ctx} action="comment" reason={props.comment.reason} id="comment-denied" />}
      />
    </>
  );
}
