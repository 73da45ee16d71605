import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { Facts, P, day, typeLabel } from './parts.tsx';

/** Shown once after filing: the radicado and the secret follow code (never shown again). */
export function ReceiptPage(props: { ctx: ViewContext; receipt: { radicado: string; code: string; dueOn: string; typeCode: string; entityName: string; emailed: boolean } }) {
  const { ctx, receipt } = props;
  const { t, locale } = ctx;
  const title = t(`${P}.receipt.title`);
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/pqrs', label: t(`${P}.title`) }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t(`${P}.receipt.lead`, { radicado: receipt.radicado })}</p>
      <Facts
        items={[
          [t(`${P}.fields.radicado`), <strong>{receipt.radicado}</strong>],
          [t(`${P}.fields.follow_code`), <strong><code>{receipt.code}</code></strong>],
          [t(`${P}.fields.type`), typeLabel(t, receipt.typeCode)],
          [t(`${P}.fields.entity`), receipt.entityName],
          [t(`${P}.fields.due_on`), day(locale, receipt.dueOn)],
        ]}
      />
      <p>
        <strong>{t(`${P}.receipt.keep_code`)}</strong>
      </p>
      <p>{t(receipt.emailed ? `${P}.receipt.emailed` : `${P}.receipt.not_emailed`)}</p>
      <p>
        <a class="button" href={`/pqrs/seguimiento/${receipt.radicado}`}>
          {t(`${P}.receipt.follow_link`)}
        </a>
      </p>
    </Layout>
  );
}
