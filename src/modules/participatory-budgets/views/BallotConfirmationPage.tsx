import { formatDate } from '../../../core/i18n/i18n.ts';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { editionPath, envelopePath, type Edition, type Envelope } from '../editions.queries.ts';

/**
 * After a vote: says it was recorded and until when it can change, and nothing about what was
 * chosen (no receipt: nobody can be made to prove their vote). The address carries no ballot
 * content; the page reads only the voter roll.
 */
export function BallotConfirmationPage(props: { ctx: ViewContext; edition: Edition; envelope: Envelope; citizen: { id: string; name: string } | null; ballotHref: string }) {
  const { ctx, edition, envelope, citizen } = props;
  const { t, locale } = ctx;
  const localidad = envelope.localidad_name ?? envelope.name;
  const title = t('participatory-budgets.voting.confirmation.title');
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: '/', label: t('nav.home') },
        { href: '/presupuestos-participativos', label: t('participatory-budgets.title') },
        { href: editionPath(edition), label: edition.title },
        { href: envelopePath(edition, envelope), label: localidad },
        { label: title },
      ]}
    >
      <h1>{title}</h1>
      <p class="flash flash-success" role="status">
        {citizen ? t('participatory-budgets.voting.confirmation.assisted_text', { name: citizen.name, localidad }) : t('participatory-budgets.voting.confirmation.text', { localidad })}
      </p>
      <p>{t('participatory-budgets.voting.confirmation.change', { date: formatDate(locale, edition.voting_close_at, true) })}</p>
      <p>{t('participatory-budgets.voting.confirmation.receipt')}</p>
      <ul>
        <li>
          <a href={props.ballotHref}>{t('participatory-budgets.voting.confirmation.review')}</a>
        </li>
        <li>
          {citizen ? (
            <a href={`/mostrador/personas/${citizen.id}`}>{t('participatory-budgets.voting.confirmation.desk')}</a>
          ) : (
            <a href={envelopePath(edition, envelope)}>{t('participatory-budgets.voting.confirmation.back', { localidad })}</a>
          )}
        </li>
      </ul>
    </Layout>
  );
}
