import type { Locale, Translate } from '../../../core/i18n/i18n.ts';
import { formatCop, formatNumber } from '../../../core/i18n/i18n.ts';
import type { BallotConfig, BallotRule } from '../participatory-budgets.schema.ts';
import { ballotLimits } from '../ballot-config.ts';

/** One sentence saying how a ballot of this edition is filled in ("Elija hasta 6 proyectos"). */
export function describeBallotRule(t: Translate, locale: Locale, rule: BallotRule, config: BallotConfig): string {
  const limits = ballotLimits(rule, config);
  switch (rule) {
    case 'approval':
      return t('participatory-budgets.ballot_rule.approval_text', { max: String(limits.maxChoices) });
    case 'ranking':
      return t('participatory-budgets.ballot_rule.ranking_text', { max: String(limits.maxChoices) });
    case 'knapsack':
      return limits.minShare > 0
        ? t('participatory-budgets.ballot_rule.knapsack_min_text', { share: formatNumber(locale, limits.minShare * 100, 0) })
        : t('participatory-budgets.ballot_rule.knapsack_text');
    case 'wallet':
      return t('participatory-budgets.ballot_rule.wallet_text', {
        total: formatCop(locale, limits.walletTotal),
        size: formatCop(locale, limits.supportSize),
        max: String(Math.floor(limits.walletTotal / limits.supportSize)),
      });
    case 'cumulative':
      return t('participatory-budgets.ballot_rule.cumulative_text', { points: String(limits.points), max: String(limits.maxPerProject) });
  }
}
