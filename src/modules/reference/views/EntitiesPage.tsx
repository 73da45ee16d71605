import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { listControlBodies, listSectorsWithEntities } from '../reference.queries.ts';

type Sector = Awaited<ReturnType<typeof listSectorsWithEntities>>[number];
type ControlBody = Awaited<ReturnType<typeof listControlBodies>>[number];

export function EntitiesPage(props: { ctx: ViewContext; sectors: Sector[]; controlBodies: ControlBody[] }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('reference.entities.title')} description={t('reference.entities.lead')} breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: t('reference.entities.title') }]}>
      <h1>{t('reference.entities.title')}</h1>
      <p class="lead">{t('reference.entities.lead')}</p>
      {props.sectors.map((sector) => {
        const central = sector.entities.filter((e) => e.kind !== 'local_mayoralty');
        const local = sector.entities.filter((e) => e.kind === 'local_mayoralty');
        return (
          <section aria-labelledby={`sector-${sector.code}`}>
            <h2 id={`sector-${sector.code}`}>
              {sector.number}. {ctx.locale === 'es' ? sector.name : sector.name_en}
            </h2>
            <ul>
              {central.map((e) => (
                <li>
                  {e.website ? <a href={e.website}>{e.name}</a> : e.name} ({e.acronym}) — {t(`reference.entities.kind.${e.kind}`)}
                </li>
              ))}
            </ul>
            {local.length > 0 && (
              <details>
                <summary>
                  {t('reference.entities.local_mayoralties')} ({local.length})
                </summary>
                <ul>
                  {local.map((e) => (
                    <li>
                      <a href={`/localidades/${e.localidad_code}`}>{e.name}</a>
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </section>
        );
      })}
      <section aria-labelledby="control-bodies">
        <h2 id="control-bodies">{t('reference.entities.control')}</h2>
        <ul>
          {props.controlBodies.map((b) => (
            <li>{b.website ? <a href={b.website}>{b.name}</a> : b.name}</li>
          ))}
        </ul>
      </section>
      <p>
        <a href="/api/v1/sectors">JSON</a>
      </p>
    </Layout>
  );
}
