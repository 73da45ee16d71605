import { formatNumber, type Locale, type Translate } from '../../i18n/i18n.ts';
import { PILLARS, type AnyModule, type ModuleStat } from '../../modules/module.ts';
import { Layout } from '../../views/Layout.tsx';
import { prerendered } from '../../views/prerendered.ts';
import type { ViewContext } from '../../views/view-context.ts';

const PRINCIPLES = [1, 2, 3, 4, 5] as const;
const CITIZEN_ROLES = ['oversight', 'influence', 'intelligence', 'experience'] as const;

/**
 * The home page: the model (pillars, principles, roles), the modules that exist and live figures.
 * Nothing in its body depends on the visitor, and it is the busiest page: each part is rendered
 * once per language (the figures once per load of them, see site.routes.tsx) and reused; the
 * layout renders what does depend on the visitor.
 */
export function HomePage(props: { ctx: ViewContext; modules: readonly AnyModule[]; stats: readonly ModuleStat[] }) {
  const { ctx } = props;
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('home.title')} description={t('home.lead')}>
      {prerendered([t], `home-intro:${locale}`, () => <Intro t={t} />)}
      {props.stats.length > 0 && prerendered([t, props.stats], `home-figures:${locale}`, () => <Figures t={t} locale={locale} stats={props.stats} />)}
      {prerendered([t, props.modules], `home-model:${locale}`, () => <Model t={t} modules={props.modules} />)}
    </Layout>
  );
}

function Intro({ t }: { t: Translate }) {
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p class="lead">{t('home.lead')}</p>
      <p>
        <strong>{t('home.goal')}</strong>
      </p>
    </>
  );
}

function Figures({ t, locale, stats }: { t: Translate; locale: Locale; stats: readonly ModuleStat[] }) {
  return (
    <section aria-labelledby="home-figures">
      <h2 id="home-figures">{t('home.figures')}</h2>
      <ul class="stats">
        {stats.map((s) => (
          <li class="stat">
            <span class="stat-value">{formatNumber(locale, s.value)}</span>{' '}
            {s.href ? <a href={s.href}>{t(s.labelKey, { count: s.value })}</a> : t(s.labelKey, { count: s.value })}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Model({ t, modules }: { t: Translate; modules: readonly AnyModule[] }) {
  return (
    <>
      <section aria-labelledby="home-pillars">
        <h2 id="home-pillars">{t('home.pillars')}</h2>
        <ul class="cards">
          {PILLARS.map((pillar) => {
            const inPillar = modules.filter((m) => m.pillar === pillar && m.path);
            return (
              <li class={`card pillar-${pillar}`}>
                <h3>{t(`pillar.${pillar}`)}</h3>
                <p>{t(`pillar.${pillar}.text`)}</p>
                {inPillar.length > 0 ? (
                  <ul>
                    {inPillar.map((m) => (
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
          {modules
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
    </>
  );
}
