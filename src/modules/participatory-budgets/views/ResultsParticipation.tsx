import { formatNumber } from '../../../core/i18n/i18n.ts';
import { DataTable } from '../../../core/views/components/content.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { MIN_GROUP_SIZE, type Participation, type ProtectedCount } from '../participation.ts';

/** Who voted, by age band, gender and channel; small groups shown as "< 10", never exactly. */
export function ResultsParticipation(props: { ctx: ViewContext; participation: Participation }) {
  const { ctx, participation } = props;
  const { t, locale } = ctx;
  const k = (key: string, vars?: Record<string, string | number>) => t(`participatory-budgets.results.participation.${key}`, vars);
  const count = (g: ProtectedCount) =>
    g.withheld === 'small' ? k('small', { min: MIN_GROUP_SIZE }) : g.withheld === 'complement' ? k('withheld') : formatNumber(locale, g.count ?? 0);
  const table = (id: string, caption: string, header: string, groups: ProtectedCount[], label: (key: string) => string) => (
    <DataTable
      id={id}
      caption={caption}
      rows={groups}
      columns={[
        { header, rowHeader: true, cell: (g) => label(g.key) },
        { header: k('voters'), numeric: true, cell: count },
      ]}
    />
  );
  return (
    <section aria-labelledby="participation-title">
      <h2 id="participation-title">{k('title')}</h2>
      <p>{k('intro', { voters: formatNumber(locale, participation.voters), min: MIN_GROUP_SIZE })}</p>
      {table('participation-age', k('by_age'), k('age'), participation.byAge, (key) => k(`age.${key}`))}
      {table('participation-gender', k('by_gender'), k('gender'), participation.byGender, (key) => k(`gender.${key}`))}
      {table('participation-channel', k('by_channel'), k('channel'), participation.byChannel, (key) => k(`channel.${key}`))}
      {[participation.byAge, participation.byGender, participation.byChannel].some((groups) => groups.some((g) => g.withheld === 'complement')) && <p class="hint">{k('withheld_note')}</p>}
    </section>
  );
}
