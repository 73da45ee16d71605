import { formatCop, formatDate } from '../../../core/i18n/i18n.ts';
import type { DenialReason } from '../../../core/permissions/permissions.ts';
import { DataTable } from '../../../core/views/components/content.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { Candidate } from '../ballot-validation.ts';
import { editionPath, type Edition, type Envelope } from '../editions.queries.ts';
import { showsResults } from '../phases.ts';

/** Why a person cannot vote here, with what the page needs to say the next step. */
export interface Ineligibility {
  reason: DenialReason;
  /** wrong_localidad: where the person lives, and that localidad's ballot if the edition has one. */
  residence?: { name: string; href: string | null };
  /** already_done: the station and day of the paper vote. */
  paper?: { station: string | null; votedOn: string };
  /** not_signed_in: the sign-in link that comes back here. */
  signInHref?: string;
}

const NEXT_STEP: Partial<Record<DenialReason, string>> = {
  consent_missing: '/mi-cuenta/datos',
  not_verified: '/mi-cuenta/verificacion',
  not_resident: '/mi-cuenta/verificacion',
  guardian_consent_missing: '/mi-cuenta/verificacion',
};

/** The reason a person cannot vote and the next step, in place of the ballot form. */
export function BallotNotice(props: { ctx: ViewContext; edition: Edition; envelope: Envelope; citizen: { name: string } | null; why: Ineligibility }) {
  const { ctx, edition, envelope, why } = props;
  const { t, locale } = ctx;
  const key = (suffix: string) => `participatory-budgets.voting.ineligible.${suffix}`;
  const localidad = envelope.localidad_name ?? envelope.name;
  let text: string;
  let action: { href: string; label: string } | null = null;
  switch (why.reason) {
    case 'phase_closed': {
      const notYet = edition.phase === 'upcoming' || edition.phase === 'proposals' || edition.phase === 'review';
      text = notYet ? t(key('phase_not_open'), { date: formatDate(locale, edition.voting_open_at, true) }) : t(key('phase_closed'), { date: formatDate(locale, edition.voting_close_at, true) });
      if (showsResults(edition.phase)) action = { href: `${editionPath(edition)}/${envelope.localidad_code ?? envelope.id}/resultados`, label: t(key('results_action')) };
      break;
    }
    case 'under_age':
      text = t(key('under_age'), { age: edition.min_age });
      break;
    case 'wrong_localidad':
      text = t(key('wrong_localidad'), { residence: why.residence?.name ?? '—', localidad });
      if (why.residence?.href) action = { href: why.residence.href, label: t(key('wrong_localidad_action'), { residence: why.residence.name }) };
      break;
    case 'already_done':
      text = t(key('already_done'), { station: why.paper?.station ?? '—', date: why.paper ? formatDate(locale, why.paper.votedOn) : '—' });
      break;
    case 'not_signed_in':
      text = t(key('not_signed_in'));
      action = { href: why.signInHref ?? '/ingresar', label: t(key('not_signed_in_action')) };
      break;
    case 'consent_missing':
    case 'not_verified':
    case 'not_resident':
    case 'guardian_consent_missing':
      text = t(key(why.reason));
      // The steps are the citizen's own: a clerk helps them at the desk instead.
      if (!props.citizen) action = { href: NEXT_STEP[why.reason]!, label: t(key(`${why.reason}_action`)) };
      break;
    default:
      text = t(key('other'), { reason: t(`reasons.${why.reason}`) });
  }
  return (
    <section class="ballot-notice" aria-labelledby="ballot-ineligible" data-reason={why.reason}>
      <h2 id="ballot-ineligible">{props.citizen ? t(key('assisted_heading'), { name: props.citizen.name }) : t(key('heading'))}</h2>
      <p>{text}</p>
      {action && (
        <p>
          <a class="button" href={action.href}>
            {action.label}
          </a>
        </p>
      )}
    </section>
  );
}

/** The envelope's viable projects as a table (shown when there is no form to fill in). */
export function CandidatesTable(props: { ctx: ViewContext; edition: Edition; envelope: Envelope; candidates: readonly Candidate[] }) {
  const { ctx, edition, envelope } = props;
  const { t, locale } = ctx;
  const localidad = envelope.localidad_name ?? envelope.name;
  if (props.candidates.length === 0) return <p>{t('participatory-budgets.voting.no_candidates')}</p>;
  return (
    <>
      <p>{t('participatory-budgets.voting.ineligible.candidates', { localidad })}</p>
      <DataTable
        id="ballot-candidates"
        caption={t('participatory-budgets.voting.candidates_caption', { localidad })}
        rows={[...props.candidates]}
        columns={[
          { header: t('participatory-budgets.voting.column_number'), numeric: true, cell: (c) => `#${c.number}` },
          { header: t('participatory-budgets.voting.column_title'), rowHeader: true, cell: (c) => <a href={`${editionPath(edition)}/propuestas/${c.number}`}>{c.title}</a> },
          { header: t('participatory-budgets.voting.column_cost'), numeric: true, cell: (c) => formatCop(locale, c.cost) },
        ]}
      />
    </>
  );
}
