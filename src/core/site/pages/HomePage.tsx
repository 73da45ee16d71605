import { formatNumber } from '../../i18n/i18n.ts';
import { PILLARS, type AnyModule, type ModuleStat } from '../../modules/module.ts';
import { Layout } from '../../views/Layout.tsx';
import type { ViewContext } from '../../views/view-context.ts';

const PRINCIPLES = [1, 2, 3, 4, 5] as const;
const CITIZEN_ROLES = ['oversight', 'influence', 'intelligence', 'experience'] as const;

/** The home page: the model (pillars, principles, roles), the modules that exist and live figures. */
export function HomePage(props: { ctx: ViewContext; modules: readonly AnyModule[]; stats: ModuleStat[] }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('home.title')} description={t('home.lead')}>
      <h1>{t('home.title')}</h1>
      <p class="lead">{t('home.lead')}</p>
      <p>
        <strong>{t('home.goal')}</strong>
      </p>

      {props.stats.length > 0 && (
        <section aria-labelledby="home-figures">
          <h2 id="home-figures">{t('home.figures')}</h2>
          <ul class="stats">
            {props.stats.map((s) => (
              <li class="stat">
                <span class="stat-value">{formatNumber(ctx.locale, s.value)}</span>{' '}
                {s.href ? <a href={s.href}>{t(s.labelKey, { count: s.value })}</a> : t(s.labelKey, { count: s.value })}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="home-pillars">
        <h2 id="home-pillars">{t('home.pillars')}</h2>
        <ul class="cards">
          {PILLARS.map((pillar) => {
            const modules = props.modules.filter((m) => m.pillar === pillar && m.path);
            return (
              <li class={`card pillar-${pillar}`}>
                <h3>{t(`pillar.${pillar}`)}</h3>
                <p>{t(`pillar.${pillar}.text`)}</p>
                {modules.length > 0 ? (
                  <ul>
                    {modules.map((m) => (
                      <li>
                        <a href={m.path}>{t(m.titleKey)}</a>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p class="hint">{t('home.no_modules')}</p>
                )}
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="home-modules">
        <h2 id="home-modules">{t('home.modules')}</h2>
        <ul class="cards">
          {props.modules
            .filter((m) => m.path)
            .map((m) => (
              <li class={`card pillar-${m.pillar}`}>
                <h3>
                  <a href={m.path}>{t(m.titleKey)}</a>
                </h3>
                <p>{t(m.descriptionKey)}</p>
              </li>
            ))}
        </ul>
      </section>

      <section aria-labelledby="home-principles">
        <h2 id="home-principles">{t('home.principles')}</h2>
        <ol>
          {PRINCIPLES.map((n) => (
            <li>{t(`principle.${n}`)}</li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="home-roles">
        <h2 id="home-roles">{t('home.roles')}</h2>
        <ul>
          {CITIZEN_ROLES.map((role) => (
            <li>{t(`role.${role}`)}</li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
