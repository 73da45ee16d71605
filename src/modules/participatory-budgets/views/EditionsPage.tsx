import { EmptyState } from '../../../core/views/components/content.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { editionPath, type Edition } from '../editions.queries.ts';
import { describeBallotRule } from './labels.ts';

/** `/presupuestos-participativos`: every edition, the open ones first in their phase. */
export function EditionsPage(props: { ctx: ViewContext; editions: Edition[]; canManage: boolean }) {
  const { ctx, editions } = props;
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('participatory-budgets.title')} description={t('participatory-budgets.description')} breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: t('participatory-budgets.title') }]}>
      <h1>{t('participatory-budgets.title')}</h1>
      <p class="lead">{t('participatory-budgets.description')}</p>
      <p>{t('participatory-budgets.editions.how')}</p>
      {props.canManage && (
        <p>
          <a class="button button-secondary" href="/admin/presupuestos-participativos">
            {t('participatory-budgets.editions.manage')}
          </a>
        </p>
      )}
      {editions.length === 0 ? (
        <EmptyState title={t('participatory-budgets.editions.empty')} />
      ) : (
        <ul class="cards">
          {editions.map((edition) => (
            <li class="card pillar-participation">
              <h2>
                <a href={editionPath(edition)}>{edition.title}</a>
              </h2>
              <p>
                <span class="badge">{t(`participatory-budgets.phase.${edition.phase}`)}</span>
              </p>
              <p>{describeBallotRule(t, locale, edition.ballot_rule, edition.ballot_config)}</p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
