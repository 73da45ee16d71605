import { formatNumber, formatPercent } from '../../../core/i18n/i18n.ts';
import { BarChart } from '../../../core/views/charts/index.ts';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { PERIODS, progressTowardTarget, type IndicatorRow } from '../model.queries.ts';

const PILLARS = [
  { key: 'transparency', sector: 'Gestión Pública' },
  { key: 'participation', sector: 'Gobierno' },
  { key: 'collaboration', sector: 'Planeación' },
  { key: 'services', sector: 'Gestión Pública' },
] as const;
const DIMENSIONS = ['institutional-transparency', 'trust-collaboration-innovation', 'accountability-participation'] as const;
const STRATEGY_COUNT = 15;

/** /modelo — the open-government model: pillars, principles, strategies and its scorecard. */
export function ModelPage(props: { ctx: ViewContext; indicators: IndicatorRow[] }) {
  const { ctx } = props;
  const { t, locale } = ctx;
  const show = (row: IndicatorRow, period: (typeof PERIODS)[number]) => {
    const entry = row.values[period];
    if (entry.value === null) return <abbr title={t(`model.missing.${entry.missing}.long`)}>{t(`model.missing.${entry.missing}`)}</abbr>;
    return row.unit === 'percent' ? `${formatNumber(locale, entry.value)} %` : formatNumber(locale, entry.value);
  };
  const withProgress = props.indicators.map((row) => ({ row, progress: progressTowardTarget(row) })).filter((x) => x.progress !== null);
  return (
    <Layout ctx={ctx} title={t('model.title')} description={t('model.lead')} breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: t('model.title') }]}>
      <h1>{t('model.title')}</h1>
      <p class="lead">{t('model.lead')}</p>

      <h2>{t('model.pillars')}</h2>
      <div class="table-wrap">
        <table>
          <caption>{t('model.pillars.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('model.pillar')}</th>
              <th scope="col">{t('model.leading_sector')}</th>
              <th scope="col">{t('model.what')}</th>
            </tr>
          </thead>
          <tbody>
            {PILLARS.map((p) => (
              <tr>
                <th scope="row">{t(`pillar.${p.key}`)}</th>
                <td>{p.sector}</td>
                <td>{t(`pillar.${p.key}.text`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('home.principles')}</h2>
      <ol>
        {[1, 2, 3, 4, 5].map((n) => (
          <li>{t(`principle.${n}`)}</li>
        ))}
      </ol>

      <h2>{t('model.strategies')}</h2>
      <ul class="columns">
        {Array.from({ length: STRATEGY_COUNT }, (_, i) => (
          <li>{t(`model.strategy.${i + 1}`)}</li>
        ))}
      </ul>

      <h2 id="indicadores">{t('model.scorecard')}</h2>
      <p>{t('model.scorecard.lead')}</p>
      {DIMENSIONS.map((dimension) => (
        <div class="table-wrap">
          <table>
            <caption>{t(`model.dimension.${dimension}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('model.indicator')}</th>
                <th scope="col" class="num">
                  2016-2017
                </th>
                <th scope="col" class="num">
                  2018-2019
                </th>
                <th scope="col" class="num">
                  {t('model.target')} 2022-2023
                </th>
              </tr>
            </thead>
            <tbody>
              {props.indicators
                .filter((row) => row.dimension === dimension)
                .map((row) => (
                  <tr>
                    <th scope="row">{row.name}</th>
                    {PERIODS.map((period) => (
                      <td class="num">{show(row, period)}</td>
                    ))}
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ))}
      <p class="hint">
        {t('model.source')}: {props.indicators[0]?.source}
      </p>

      <BarChart
        id="model-progress"
        title={t('model.progress.title')}
        description={t('model.progress.description')}
        unitLabel={t('model.progress.unit')}
        tableCaption={t('model.progress.title')}
        formatValue={(n) => formatPercent(locale, n / 100)}
        data={withProgress.map(({ row, progress }) => ({ label: row.name, value: Math.round(progress! * 1000) / 10 }))}
        strings={{ labelHeader: t('model.indicator'), valueHeader: t('model.progress.unit'), tableToggle: t('chart.show_table'), empty: t('chart.empty') }}
      />
      <p>
        <a href="/api/v1/model/indicators">JSON</a>
      </p>
    </Layout>
  );
}
