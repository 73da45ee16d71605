import { formatNumber, formatPercent } from '../../../core/i18n/i18n.ts';
import { BarChart } from '../../../core/views/charts/index.ts';
import { DataTable } from '../../../core/views/components/content.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { Dimension } from '../categories.ts';
import type { Consultation } from '../consultations.queries.ts';
import type { Channel } from '../consultations.schema.ts';
import { MIN_GROUP_SIZE } from '../protect.ts';
import type { BreakdownGroup, ConsultationResults, QuestionResult } from '../results.queries.ts';
import { dimensionsFor } from '../results.queries.ts';
import { categoryLabel } from './labels.ts';

const R = 'consultations.results.';

function Breakdown(props: { ctx: ViewContext; result: QuestionResult; dimension: Dimension; groups: BreakdownGroup[] }) {
  const { ctx, result, dimension } = props;
  const { t, locale } = ctx;
  const q = result.question;
  const byOption = q.kind === 'single_choice' || q.kind === 'multiple_choice' || q.kind === 'ranking';
  const valueColumns = byOption
    ? q.options.map((o, i) => ({
        header: q.kind === 'ranking' ? t(`${R}first_choice_of`, { option: o.label }) : o.label,
        numeric: true,
        cell: (g: BreakdownGroup) => (g.values ? formatNumber(locale, g.values[i] ?? 0) : '—'),
      }))
    : [{ header: t(`${R}mean`), numeric: true, cell: (g: BreakdownGroup) => (g.values ? formatNumber(locale, g.values[0] ?? 0, 1) : '—') }];
  const size = (g: BreakdownGroup) =>
    g.group.withheld === 'small' ? t(`${R}small_group`, { min: MIN_GROUP_SIZE }) : g.group.withheld === 'complement' ? t(`${R}withheld`) : formatNumber(locale, g.group.count ?? 0);
  return (
    <DataTable
      id={`desglose-${q.id}`}
      caption={t(`${R}breakdown_caption`, { number: q.position, dimension: t(`${R}dimension.${dimension}`) })}
      rows={props.groups}
      columns={[
        { header: t(`${R}dimension.${dimension}`), rowHeader: true, cell: (g) => categoryLabel(t, dimension, g.group.key) },
        { header: t(`${R}group_size`), numeric: true, cell: size },
        ...valueColumns,
      ]}
    />
  );
}

function QuestionResults(props: { ctx: ViewContext; result: QuestionResult; dimension: Dimension | null }) {
  const { ctx, result } = props;
  const { t, locale } = ctx;
  const q = result.question;
  const id = `resultado-${q.position}`;
  const strings = (valueHeader: string) => ({ labelHeader: t(`${R}answer`), valueHeader, tableToggle: t('chart.show_table'), empty: t(`${R}no_answers`) });
  const pct = (n: number) => formatPercent(locale, result.respondents ? n / result.respondents : 0);
  return (
    <section class="cq-results" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {t('consultations.answer.question_number', { number: q.position })} {q.title}
      </h3>
      <p>{t(`${R}respondents`, { count: result.respondents })}</p>
      {result.options && (
        <BarChart
          id={`${id}-chart`}
          title={q.title}
          description={t(`${R}chart_description`, {
            top: [...result.options].sort((a, b) => b.count - a.count)[0]?.option.label ?? '—',
            count: result.respondents,
          })}
          unitLabel={t(q.kind === 'multiple_choice' ? `${R}unit_multiple` : `${R}unit_people`)}
          tableCaption={t(`${R}table_caption`, { number: q.position })}
          formatValue={(n) => `${formatNumber(locale, n)} (${pct(n)})`}
          data={result.options.map((o) => ({ label: o.option.label, value: o.count }))}
          strings={strings(t(`${R}people`))}
        />
      )}
      {result.ranking && (
        <>
          <BarChart
            id={`${id}-chart`}
            title={q.title}
            description={t(`${R}ranking_description`, { top: result.ranking[0]?.option.label ?? '—' })}
            unitLabel={t(`${R}unit_points`)}
            tableCaption={t(`${R}table_caption`, { number: q.position })}
            formatValue={(n) => formatNumber(locale, n)}
            data={result.ranking.map((r) => ({ label: r.option.label, value: r.points }))}
            strings={strings(t(`${R}points`))}
          />
          <p class="hint">{t(`${R}borda_explained`)}</p>
        </>
      )}
      {result.scale && (
        <>
          <BarChart
            id={`${id}-chart`}
            title={q.title}
            description={t(`${R}scale_description`, { mean: result.numbers?.mean === null || !result.numbers ? '—' : formatNumber(locale, result.numbers.mean, 1) })}
            unitLabel={t(`${R}unit_people`)}
            tableCaption={t(`${R}table_caption`, { number: q.position })}
            formatValue={(n) => `${formatNumber(locale, n)} (${pct(n)})`}
            data={result.scale.map((s) => ({
              label: s.value === q.settings.min && q.settings.minLabel ? `${s.value} — ${q.settings.minLabel}` : s.value === q.settings.max && q.settings.maxLabel ? `${s.value} — ${q.settings.maxLabel}` : String(s.value),
              value: s.count,
            }))}
            strings={strings(t(`${R}people`))}
          />
          {result.numbers?.mean !== null && result.numbers && <p>{t(`${R}mean_is`, { mean: formatNumber(locale, result.numbers.mean ?? 0, 1) })}</p>}
        </>
      )}
      {q.kind === 'number' && result.numbers && (
        <dl class="facts">
          <dt>{t(`${R}mean`)}</dt>
          <dd>{result.numbers.mean === null ? '—' : formatNumber(locale, result.numbers.mean, 2)}</dd>
          <dt>{t(`${R}median`)}</dt>
          <dd>{result.numbers.median === null ? '—' : formatNumber(locale, result.numbers.median, 2)}</dd>
          <dt>{t(`${R}min`)}</dt>
          <dd>{result.numbers.min === null ? '—' : formatNumber(locale, result.numbers.min, 2)}</dd>
          <dt>{t(`${R}max`)}</dt>
          <dd>{result.numbers.max === null ? '—' : formatNumber(locale, result.numbers.max, 2)}</dd>
        </dl>
      )}
      {result.texts && (
        <>
          {result.texts.approved.length === 0 ? (
            <p>{t(`${R}no_texts`)}</p>
          ) : (
            <ul class="cq-texts">
              {result.texts.approved.map((text) => (
                <li>{text}</li>
              ))}
            </ul>
          )}
          {result.texts.pending + result.texts.hidden > 0 && <p class="hint">{t(`${R}texts_moderation`, { pending: result.texts.pending, hidden: result.texts.hidden })}</p>}
        </>
      )}
      {props.dimension && result.breakdown && <Breakdown ctx={ctx} result={result} dimension={props.dimension} groups={result.breakdown} />}
    </section>
  );
}

/** Results of a consultation: participation, then each question with its chart and data table, and an optional breakdown. */
export function ResultsSection(props: { ctx: ViewContext; consultation: Consultation; results: ConsultationResults; participation: { total: number; byChannel: Record<Channel, number> }; basePath: string }) {
  const { ctx, consultation, results, participation } = props;
  const { t, locale } = ctx;
  const dimensions = dimensionsFor(consultation.secret);
  return (
    <section aria-labelledby="resultados">
      <h2 id="resultados">{t(`${R}title`)}</h2>
      {consultation.state !== 'closed' && <p class="flash">{t(`${R}early`)}</p>}
      <p>
        {t(`${R}participation`, {
          count: participation.total,
          online: formatNumber(locale, participation.byChannel.online),
          assisted: formatNumber(locale, participation.byChannel.assisted),
          paper: formatNumber(locale, participation.byChannel.paper),
        })}
      </p>
      <nav class="cq-breakdown" aria-label={t(`${R}breakdown_nav`)}>
        <p>{t(`${R}breakdown_intro`, { min: MIN_GROUP_SIZE })}</p>
        <ul>
          <li>
            <a href={`${props.basePath}#resultados`} aria-current={results.dimension === null ? 'true' : undefined}>
              {t(`${R}no_breakdown`)}
            </a>
          </li>
          {dimensions.map((d) => (
            <li>
              <a href={`${props.basePath}?desglose=${d}#resultados`} aria-current={results.dimension === d ? 'true' : undefined}>
                {t(`${R}by`, { dimension: t(`${R}dimension.${d}`) })}
              </a>
            </li>
          ))}
        </ul>
        {consultation.secret && <p class="hint">{t(`${R}secret_dimensions`)}</p>}
      </nav>
      {results.questions.map((result) => (
        <QuestionResults ctx={ctx} result={result} dimension={results.dimension} />
      ))}
    </section>
  );
}

