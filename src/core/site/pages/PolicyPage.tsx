import { formatDate } from '../../i18n/i18n.ts';
import { Layout } from '../../views/Layout.tsx';
import type { ViewContext } from '../../views/view-context.ts';
import type { Policy } from '../policies.ts';

export function PolicyPage(props: { ctx: ViewContext; title: string; policy: Policy }) {
  const { ctx, policy } = props;
  return (
    <Layout ctx={ctx} title={props.title} breadcrumbs={[{ href: '/', label: ctx.t('nav.home') }, { label: props.title }]}>
      <h1>{props.title}</h1>
      <p class="lead">{policy.lead}</p>
      {policy.sections.map((s) => (
        <section>
          <h2>{s.heading}</h2>
          {s.paragraphs.map((p) => (
            <p>{p}</p>
          ))}
        </section>
      ))}
      <p class="hint">
        {ctx.locale === 'es' ? 'Versión' : 'Version'} {policy.version} · {formatDate(ctx.locale, policy.updated)}
      </p>
    </Layout>
  );
}
