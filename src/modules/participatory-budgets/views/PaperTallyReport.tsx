import { formatNumber } from '../../../core/i18n/i18n.ts';
import { DataTable } from '../../../core/views/components/content.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { ballotErrorMessage } from '../ballot-validation.ts';
import { MAX_TALLY_LINES, SMALL_STATION_VOTERS, type PollBookIssue, type TallyReport } from '../paper-tally.ts';

/** The reconciliation report of a paper tally: verdict, problems with line numbers, summary. */
export function PaperTallyReport(props: { ctx: ViewContext; report: TallyReport; notice?: 'conflict' }) {
  const { ctx, report } = props;
  const { t, locale } = ctx;
  const key = (suffix: string) => `participatory-budgets.voting.paper.${suffix}`;
  const n = (value: number) => formatNumber(locale, value);
  const problemText = (problem: TallyReport['problems'][number]) =>
    t(key(`problems.${problem}`), { ballots: n(report.ballots.lines), eligible: n(report.pollBook.eligible), max: n(MAX_TALLY_LINES) });
  const warningText = (warning: TallyReport['warnings'][number]) =>
    t(key(`warnings.${warning}`), { min: n(SMALL_STATION_VOTERS), missing: n(report.pollBook.eligible - report.ballots.lines) });
  const issueText = (issue: PollBookIssue) => {
    if (issue.kind === 'already_voted') return t(key(`issue.already_voted_${issue.channel}`), { line: n(issue.line), station: issue.pollingStation ?? '—' });
    if (issue.kind === 'duplicate') return t(key('issue.duplicate'), { line: n(issue.line), firstLine: n(issue.firstLine) });
    return t(key(`issue.${issue.kind}`), { line: n(issue.line) });
  };
  const rows: [string, number][] = [
    [t(key('row_poll_book')), report.pollBook.lines],
    [t(key('row_eligible')), report.pollBook.eligible],
    [t(key('row_ballots')), report.ballots.lines],
    [t(key('row_valid')), report.ballots.valid],
    [t(key('row_blank')), report.ballots.blank],
    [t(key('row_null')), report.ballots.null],
    [t(key('row_invalid')), report.ballots.invalid.length],
  ];
  return (
    <section aria-labelledby="tally-report" class="tally-report" data-acceptable={String(report.acceptable)}>
      <h2 id="tally-report">{t(key('report_heading'), { station: report.pollingStation })}</h2>
      {props.notice === 'conflict' && (
        <p class="flash flash-error" role="alert">
          {t(key('conflict'))}
        </p>
      )}
      {report.acceptable ? (
        <p class="flash flash-success" role="status">
          {t(key('acceptable'))}
        </p>
      ) : (
        <div class="error-summary" role="alert" aria-labelledby="tally-refused" tabIndex={-1}>
          <h3 id="tally-refused">{t(key('refused'))}</h3>
          <ul>
            {report.problems.map((problem) => (
              <li data-problem={problem}>{problemText(problem)}</li>
            ))}
          </ul>
        </div>
      )}
      {report.warnings.length > 0 && (
        <ul class="tally-warnings">
          {report.warnings.map((warning) => (
            <li data-warning={warning}>{warningText(warning)}</li>
          ))}
        </ul>
      )}
      <DataTable
        id="tally-summary"
        caption={t(key('summary_caption'))}
        rows={rows}
        columns={[
          { header: t(key('column_item')), rowHeader: true, cell: (r) => r[0] },
          { header: t(key('column_count')), numeric: true, cell: (r) => n(r[1]) },
        ]}
      />
      {report.pollBook.issues.length > 0 && (
        <>
          <h3>{t(key('poll_book_issues'))}</h3>
          <ul class="tally-issues">
            {report.pollBook.issues.map((issue) => (
              <li data-line={issue.line} data-issue={issue.kind}>
                {issueText(issue)}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.ballots.invalid.length > 0 && (
        <>
          <h3>{t(key('invalid_ballots'))}</h3>
          <ul class="tally-issues">
            {report.ballots.invalid.map((invalid) => (
              <li data-line={invalid.line} data-codes={invalid.errors.map((e) => e.code).join(' ')}>
                {t(key('invalid_line'), {
                  line: n(invalid.line),
                  reasons: invalid.errors
                    .map((e) => {
                      const { key: messageKey, vars } = ballotErrorMessage(locale, e);
                      return t(messageKey, vars);
                    })
                    .join(' '),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
