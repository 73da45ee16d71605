import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { CauseDetail } from '../causes.queries.ts';
import { causePath } from './components.tsx';
import { LIST_PATH } from './CausesListPage.tsx';

/** Why a page of a cause (the answer form) is not available to this person, with the way back. */
export function CauseDeniedPage(props: { ctx: ViewContext; cause: CauseDetail; action: string; reason: string }) {
  const { ctx, cause } = props;
  const { t } = ctx;
  const title = t(`causes.refused.${props.action}`);
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: LIST_PATH, label: t('causes.title') }, { href: causePath(cause.id), label: cause.title }, { label: title }]}>
      <h1>{title}</h1>
      <p class="denied-action" data-reason={props.reason}>
        {t(`reasons.${props.reason}`)}
      </p>
      <p>
        <a href={causePath(cause.id)}>{t('causes.page.back_to_cause')}</a>
      </p>
    </Layout>
  );
}
