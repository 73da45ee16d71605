import { EmptyState } from '../../../core/views/components/content.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { CauseState } from '../states.ts';
import { causePath, StateBadge } from './components.tsx';
import { LIST_PATH } from './CausesListPage.tsx';

/** The person's own causes, drafts included (the only way back to a draft). */
export function MyCausesPage(props: { ctx: ViewContext; causes: { id: string; title: string; state: CauseState; supports_count: number; threshold: number }[] }) {
  const { ctx } = props;
  const { t } = ctx;
  const title = t('causes.mine.title');
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: LIST_PATH, label: t('causes.title') }, { label: title }]}>
      <h1>{title}</h1>
      {props.causes.length === 0 ? (
        <EmptyState title={t('causes.mine.none')}>
          <p>
            <a href="/causas/nueva">{t('causes.list.create')}</a>
          </p>
        </EmptyState>
      ) : (
        <ul class="cause-mine">
          {props.causes.map((c) => (
            <li>
              <a href={causePath(c.id)}>{c.title}</a> <StateBadge ctx={ctx} state={c.state} /> — {t('causes.mine.supports', { count: c.supports_count, threshold: c.threshold })}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a class="button" href="/causas/nueva">
          {t('causes.list.create')}
        </a>
      </p>
    </Layout>
  );
}
