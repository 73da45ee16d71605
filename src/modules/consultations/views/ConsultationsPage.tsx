import { EmptyState } from '../../../core/views/components/content.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { ADMIN_PATH, consultationPath, type Consultation } from '../consultations.queries.ts';
import { describeEligibility, describeWindow } from './labels.ts';

function ConsultationList(props: { ctx: ViewContext; items: Consultation[]; id: string; heading: string; empty: string }) {
  const { ctx, items } = props;
  const { t, locale } = ctx;
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.heading}</h2>
      {items.length === 0 ? (
        <EmptyState title={props.empty} />
      ) : (
        <ul class="cards">
          {items.map((c) => (
            <li class="card pillar-participation">
              <h3>
                <a href={consultationPath(c)}>{c.title}</a>
              </h3>
              <p>
                <span class="badge">{t(c.secret ? 'consultations.secret' : 'consultations.public')}</span>
              </p>
              <p>{c.entity_name}</p>
              <p>{describeWindow(t, locale, c)}</p>
              <p class="hint">{describeEligibility(t, c)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** `/consultas`: open consultations first, then upcoming, then closed ones with their results. */
export function ConsultationsPage(props: { ctx: ViewContext; consultations: Consultation[]; canManage: boolean }) {
  const { ctx, consultations } = props;
  const { t } = ctx;
  const open = consultations.filter((c) => c.state === 'open').sort((a, b) => +a.closes_at - +b.closes_at);
  const upcoming = consultations.filter((c) => c.state === 'upcoming').sort((a, b) => +a.opens_at - +b.opens_at);
  const closed = consultations.filter((c) => c.state === 'closed').sort((a, b) => +b.closes_at - +a.closes_at);
  return (
    <Layout ctx={ctx} title={t('consultations.title')} description={t('consultations.description')} breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: t('consultations.title') }]}>
      <h1>{t('consultations.title')}</h1>
      <p class="lead">{t('consultations.description')}</p>
      <p>{t('consultations.list.how')}</p>
      {props.canManage && (
        <p>
          <a class="button button-secondary" href={ADMIN_PATH}>
            {t('consultations.list.manage')}
          </a>
        </p>
      )}
      <ConsultationList ctx={ctx} id="abiertas" items={open} heading={t('consultations.list.open')} empty={t('consultations.list.none_open')} />
      <ConsultationList ctx={ctx} id="proximas" items={upcoming} heading={t('consultations.list.upcoming')} empty={t('consultations.list.none_upcoming')} />
      <ConsultationList ctx={ctx} id="cerradas" items={closed} heading={t('consultations.list.closed')} empty={t('consultations.list.none_closed')} />
    </Layout>
  );
}
