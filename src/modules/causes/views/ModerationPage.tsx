import { EmptyState } from '../../../core/views/components/content.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { causePath } from './components.tsx';
import { LIST_PATH } from './CausesListPage.tsx';

export interface ModerationQueue {
  comments: { id: string; cause_id: string; body: string; cause_title: string; reports: number; reasons: string }[];
  causes: { id: string; title: string; reports: number; reasons: string }[];
}

/** What readers reported and moderators have not hidden yet; each item links to where it is hidden. */
export function ModerationPage(props: { ctx: ViewContext; queue: ModerationQueue }) {
  const { ctx, queue } = props;
  const { t } = ctx;
  const title = t('causes.moderation.title');
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: LIST_PATH, label: t('causes.title') }, { label: title }]}>
      <h1>{title}</h1>
      <h2>{t('causes.moderation.causes')}</h2>
      {queue.causes.length === 0 ? (
        <EmptyState title={t('causes.moderation.none')} />
      ) : (
        <ul>
          {queue.causes.map((c) => (
            <li>
              <a href={`${causePath(c.id)}#moderation-heading`}>{c.title}</a> — {t('causes.comments.reports', { count: c.reports })}: {c.reasons}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('causes.moderation.comments')}</h2>
      {queue.comments.length === 0 ? (
        <EmptyState title={t('causes.moderation.none')} />
      ) : (
        <ul>
          {queue.comments.map((c) => (
            <li>
              <a href={`${causePath(c.cause_id)}#comentario-${c.id}`}>{c.cause_title}</a> — {t('causes.comments.reports', { count: c.reports })}: {c.reasons}
              <blockquote class="pre-line">{c.body}</blockquote>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
