import { formatCop, formatNumber, type Locale, type Translate } from '../../../core/i18n/i18n.ts';
import type { ProjectResultDetail } from '../results-detail.ts';
import type { TieBreak } from '../tally/tie-break.ts';
import { Rational } from '../tally/rational.ts';

/** An exact amount (decimal text or `n/d`) in pesos, rounded down to whole pesos for reading. */
export function copOf(locale: Locale, exact: string): string {
  return formatCop(locale, Rational.fromString(exact).floor());
}

/** A number of pesos as a float, for charts only. */
export const pesos = (exact: string): number => Rational.fromString(exact).toNumber();

/** Why a project won or lost, in one sentence for citizens. */
export function explainOutcome(t: Translate, locale: Locale, project: ProjectResultDetail): string {
  const k = (key: string, vars?: Record<string, string | number>) => t(`participatory-budgets.results.reason.${key}`, vars);
  switch (project.reason) {
    case 'selected-mes':
      return k('selected-mes', {
        supporters: formatNumber(locale, project.votes),
        share: project.mes ? copOf(locale, project.mes.maxPayment) : '',
      });
    case 'selected-completion':
      return k('selected-completion', { remaining: project.remainingBudget ? copOf(locale, project.remainingBudget) : '' });
    case 'selected-greedy':
      return k('selected-greedy', { remaining: project.remainingBudget ? copOf(locale, project.remainingBudget) : '' });
    case 'over-remaining-budget':
      return project.remainingBudget ? k('over-remaining-budget', { cost: copOf(locale, project.cost), remaining: copOf(locale, project.remainingBudget) }) : k('over-remaining-budget-short');
    case 'supporters-exhausted':
      return project.supportersBudget
        ? k('supporters-exhausted', { cost: copOf(locale, project.cost), left: copOf(locale, project.supportersBudget) })
        : k('supporters-exhausted-short');
    case 'no-votes':
      return k('no-votes');
    case 'zero-cost':
      return k('zero-cost');
  }
}

/** One sentence describing a tie the rule had to break. */
export function describeTie(t: Translate, locale: Locale, tie: TieBreak, name: (projectId: string) => string): string {
  const projects = tie.projects.map(name).join(', ');
  const value = tie.criterion === 'votes' ? formatNumber(locale, Number(tie.value)) : formatNumber(locale, Rational.fromString(tie.value).toNumber(), 6);
  const decided = [...new Set(tie.decidedBy)].map((level) => t(`participatory-budgets.results.ties.by.${level}`)).join(', ');
  return t(`participatory-budgets.results.ties.${tie.stage}`, { projects, value, decided, first: name(tie.projects[0]!), round: tie.round ?? '' });
}
