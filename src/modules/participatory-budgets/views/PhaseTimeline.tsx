import { formatDate } from '../../../core/i18n/i18n.ts';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { Edition } from '../editions.queries.ts';
import { PHASES, type Phase } from '../phases.ts';

/** The phases of an edition as an ordered list with their dates; the current one is marked. */
export function PhaseTimeline(props: { ctx: ViewContext; edition: Edition }) {
  const { ctx, edition } = props;
  const { t, locale } = ctx;
  const when: Partial<Record<Phase, string>> = {
    proposals: `${formatDate(locale, edition.proposals_open_at, true)} – ${formatDate(locale, edition.proposals_close_at, true)}`,
    review: `${formatDate(locale, edition.proposals_close_at)} – ${formatDate(locale, edition.review_close_at)}`,
    voting: `${formatDate(locale, edition.voting_open_at, true)} – ${formatDate(locale, edition.voting_close_at, true)}`,
    results: edition.results_published_at ? formatDate(locale, edition.results_published_at) : t('participatory-budgets.edition.results_pending'),
    execution: edition.execution_starts_on ? formatDate(locale, edition.execution_starts_on) : t('participatory-budgets.edition.execution_pending'),
  };
  const steps = PHASES.filter((p) => p !== 'upcoming' && p !== 'counting');
  const current = edition.phase === 'counting' ? 'voting' : edition.phase;
  const currentIndex = steps.indexOf(current as (typeof steps)[number]);
  return (
    <ol class="phase-timeline">
      {steps.map((phase, index) => (
        <li class={index === currentIndex ? 'phase-current' : index < currentIndex ? 'phase-done' : 'phase-next'} aria-current={index === currentIndex ? 'step' : undefined}>
          <strong>{t(`participatory-budgets.phase.${phase}`)}</strong>
          {index === currentIndex && <span class="visually-hidden"> ({t('participatory-budgets.edition.current_phase')})</span>}
          <br />
          <span class="hint">{when[phase]}</span>
        </li>
      ))}
    </ol>
  );
}
