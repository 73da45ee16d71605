import { formatNumber } from '../../../core/i18n/i18n.ts';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { ExecutionProject } from '../results.queries.ts';

/** Status and progress of a winning project: "En ejecución · 40 %", with a visual bar. */
export function ExecutionStatusCell(props: { ctx: ViewContext; project: Pick<ExecutionProject, 'status' | 'progress'> }) {
  const { t, locale } = props.ctx;
  const { status, progress } = props.project;
  return (
    <span class="pb-progress">
      <span>
        {t(`participatory-budgets.results.execution.status.${status}`)} · {formatNumber(locale, progress)} %
      </span>
      <progress max={100} value={progress} aria-hidden="true">
        {progress} %
      </progress>
    </span>
  );
}
