import { formatCop, type Locale, type Translate } from '../../../core/i18n/i18n.ts';
import type { ProposalStatus } from '../participatory-budgets.schema.ts';

export const statusLabel = (t: Translate, status: ProposalStatus) => t(`participatory-budgets.proposals.status.${status}`);

/** "$ 25.000.000" and, once assessed at another amount, the estimate next to it. */
export function costLabel(t: Translate, locale: Locale, p: { estimated_cost: string; assessed_cost: string | null }): string {
  if (p.assessed_cost === null || p.assessed_cost === p.estimated_cost) return formatCop(locale, p.estimated_cost);
  return t('participatory-budgets.proposals.cost_assessed_short', { assessed: formatCop(locale, p.assessed_cost), estimated: formatCop(locale, p.estimated_cost) });
}
