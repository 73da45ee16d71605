import { formatDate } from '../../../core/i18n/i18n.ts';
import { Button, Form } from '../../../core/views/components/forms.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { editionPath, type Edition } from '../editions.queries.ts';

/** Before publication: when results will come (voting still open, or closed and being counted). */
export function ResultsPending(props: { ctx: ViewContext; edition: Edition }) {
  const { ctx, edition } = props;
  const { t, locale } = ctx;
  const closed = edition.phase === 'counting';
  return (
    <div class="empty-state">
      <p class="empty-state-title">{t('participatory-budgets.results.pending.title')}</p>
      <p>
        {closed
          ? t('participatory-budgets.results.pending.counting', { date: formatDate(locale, edition.voting_close_at, true) })
          : t('participatory-budgets.results.pending.before_close', { date: formatDate(locale, edition.voting_close_at, true) })}
      </p>
      {closed && edition.results_requested_at && <p role="status">{t('participatory-budgets.results.pending.calculating')}</p>}
    </div>
  );
}

/**
 * The administrators' button that counts every localidad and publishes the results. Before voting
 * closes it is replaced by the reason and the date from which it can be used.
 */
export function PublishPanel(props: { ctx: ViewContext; edition: Edition }) {
  const { ctx, edition } = props;
  const { t, locale } = ctx;
  const k = (key: string, vars?: Record<string, string | number>) => t(`participatory-budgets.results.publish.${key}`, vars);
  return (
    <section aria-labelledby="publish-title" class="pb-publish">
      <h2 id="publish-title">{k('title')}</h2>
      {edition.phase === 'counting' && edition.results_requested_at ? (
        // The count runs as a job: nothing to press until it ends (or fails and says why).
        <p>
          {k('calculating', { date: formatDate(locale, edition.results_requested_at, true) })} <a href={ctx.path}>{k('reload')}</a>
        </p>
      ) : edition.phase === 'counting' ? (
        <Form ctx={ctx} action={`${editionPath(edition)}/resultados/publicar`}>
          {edition.results_failure && (
            <p class="flash flash-error" role="alert">
              {k('failed', { envelope: edition.results_failure.envelope, detail: locale === 'en' ? edition.results_failure.en : edition.results_failure.es })}
            </p>
          )}
          <p>{k('explain', { rule: t(`participatory-budgets.counting_rule.${edition.counting_rule}`) })}</p>
          <Button>{k('button')}</Button>
        </Form>
      ) : (
        <p>
          {t('reasons.phase_closed')} {k('not_yet', { date: formatDate(locale, edition.voting_close_at, true) })}
        </p>
      )}
    </section>
  );
}
