import { formatCop, formatDate } from '../../../core/i18n/i18n.ts';
import { Button, Form } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { BallotLimits } from '../ballot-config.ts';
import { BALLOT_FIELD, ballotErrorMessage, markField, maxProjects, ticksProjects, type BallotError, type BallotMarks, type Candidate } from '../ballot-validation.ts';
import { editionPath, envelopePath, type Edition, type Envelope } from '../editions.queries.ts';
import { BallotNotice, CandidatesTable, type Ineligibility } from './BallotNotice.tsx';
import { describeBallotRule } from './labels.ts';

export interface BallotPageProps {
  ctx: ViewContext;
  edition: Edition;
  envelope: Envelope;
  candidates: readonly Candidate[];
  limits: BallotLimits;
  /** Where the form posts (the page's own address, with `?persona=` for assisted votes). */
  action: string;
  /** The citizen a clerk is assisting, if any. */
  citizen: { id: string; name: string } | null;
  /** Either the ballot to fill in (pre-filled, possibly with errors) or why the person cannot vote. */
  state: { kind: 'form'; marks: BallotMarks; errors: BallotError[]; voted: boolean } | { kind: 'ineligible'; why: Ineligibility };
  /** For clerks: citizens with an open assisted session, to open their ballot. */
  assistedCitizens: { name: string; href: string }[];
  scriptSrc: string;
}

export const ballotPath = (edition: Pick<Edition, 'slug'>, envelope: Pick<Envelope, 'id' | 'localidad_code'>, citizenId?: string | null) =>
  `${envelopePath(edition, envelope)}/votar${citizenId ? `?persona=${citizenId}` : ''}`;

export const confirmationPath = (edition: Pick<Edition, 'slug'>, envelope: Pick<Envelope, 'id' | 'localidad_code'>, citizenId?: string | null) =>
  `${envelopePath(edition, envelope)}/votar/confirmacion${citizenId ? `?persona=${citizenId}` : ''}`;

export const proposalPath = (edition: Pick<Edition, 'slug'>, number: number) => `${editionPath(edition)}/propuestas/${number}`;

/**
 * `/presupuestos-participativos/:slug/:envelope/votar`: the ballot. Works without JavaScript
 * (checkboxes, number inputs or rank selects, validated on the server); with it, a live status
 * line and meter say how much of the budget, supports, points or choices are used.
 */
export function BallotPage(props: BallotPageProps) {
  const { ctx, edition, envelope, citizen } = props;
  const { t, locale } = ctx;
  const localidad = envelope.localidad_name ?? envelope.name;
  const title = citizen ? t('participatory-budgets.voting.assisted_title', { localidad, name: citizen.name }) : t('participatory-budgets.voting.title', { localidad });
  const form = props.state.kind === 'form' ? props.state : null;
  return (
    <Layout
      ctx={ctx}
      title={title}
      scripts={form && props.candidates.length > 0 ? [props.scriptSrc] : undefined}
      breadcrumbs={[
        { href: '/', label: t('nav.home') },
        { href: '/presupuestos-participativos', label: t('participatory-budgets.title') },
        { href: editionPath(edition), label: edition.title },
        { href: envelopePath(edition, envelope), label: localidad },
        { label: t('participatory-budgets.voting.breadcrumb') },
      ]}
    >
      <h1>{title}</h1>
      {citizen && <p class="ballot-notice">{t('participatory-budgets.voting.assisted_notice', { name: citizen.name })}</p>}
      <h2 id="ballot-rule-heading">{t('participatory-budgets.voting.rule_heading')}</h2>
      <p id="ballot-rule">
        <strong>{t(`participatory-budgets.ballot_rule.${edition.ballot_rule}`)}.</strong> {describeBallotRule(t, locale, edition.ballot_rule, edition.ballot_config)}{' '}
        {t('participatory-budgets.voting.budget', { amount: formatCop(locale, envelope.amount) })}
      </p>
      <p>{t('participatory-budgets.voting.secret')}</p>
      {props.assistedCitizens.length > 0 && !citizen && (
        <section aria-labelledby="assisted-heading" class="ballot-notice">
          <h2 id="assisted-heading">{t('participatory-budgets.voting.assisted.heading')}</h2>
          <p>{t('participatory-budgets.voting.assisted.help')}</p>
          <ul>
            {props.assistedCitizens.map((c) => (
              <li>
                <a href={c.href}>{t('participatory-budgets.voting.assisted.open', { name: c.name })}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {props.state.kind === 'ineligible' ? (
        <>
          <BallotNotice ctx={ctx} edition={edition} envelope={envelope} citizen={citizen} why={props.state.why} />
          <CandidatesTable ctx={ctx} edition={edition} envelope={envelope} candidates={props.candidates} />
        </>
      ) : props.candidates.length === 0 ? (
        <p class="ballot-notice">{t('participatory-budgets.voting.no_candidates')}</p>
      ) : (
        <BallotForm {...props} state={props.state} />
      )}
    </Layout>
  );
}

function BallotForm(props: BallotPageProps & { state: { kind: 'form'; marks: BallotMarks; errors: BallotError[]; voted: boolean } }) {
  const { ctx, edition, envelope, candidates, limits, citizen, state } = props;
  const { t, locale } = ctx;
  const rule = edition.ballot_rule;
  const localidad = envelope.localidad_name ?? envelope.name;
  const closes = formatDate(locale, edition.voting_close_at, true);
  const message = (error: BallotError) => {
    const { key, vars } = ballotErrorMessage(locale, error);
    return t(key, vars);
  };
  const byField = new Map<string, BallotError>();
  for (const error of state.errors) if (error.number && !byField.has(error.number)) byField.set(error.number, error);
  const general = state.errors.filter((e) => !e.number || ticksProjects(rule));
  const titleOf = (number: string) => candidates.find((c) => String(c.number) === number)?.title ?? '';
  const max = maxProjects(rule, limits);
  const submit = citizen
    ? t('participatory-budgets.voting.submit_assisted', { name: citizen.name })
    : t(state.voted ? 'participatory-budgets.voting.submit_change' : 'participatory-budgets.voting.submit');
  return (
    <>
      {state.voted ? (
        <p class="ballot-notice" id="ballot-voted">
          {citizen
            ? t('participatory-budgets.voting.assisted_already_voted', { name: citizen.name, date: closes })
            : t('participatory-budgets.voting.already_voted', { date: closes })}
        </p>
      ) : (
        <p>{t('participatory-budgets.voting.closes', { date: closes })}</p>
      )}
      {state.errors.length > 0 && (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
          <h2 id="error-summary-title">{t('forms.error_summary')}</h2>
          <ul>
            {state.errors.map((error) => {
              const field = error.number && !ticksProjects(rule) ? markField(rule, error.number) : BALLOT_FIELD;
              const label = field === BALLOT_FIELD ? t('participatory-budgets.voting.ballot_label') : `#${error.number} ${titleOf(error.number!)}`;
              return (
                <li>
                  <a href={`#${field}`}>
                    {label}: {message(error)}
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <Form ctx={ctx} action={props.action} class="ballot-form" novalidate>
        <div
          class="ballot-config"
          hidden
          data-rule={rule}
          data-budget={String(Number(envelope.amount))}
          data-max={max === null ? '' : String(max)}
          data-points={String(limits.points)}
          data-support={String(limits.supportSize)}
          data-wallet={String(limits.walletTotal)}
        />
        <fieldset class="ballot" id={BALLOT_FIELD} aria-describedby={general.length > 0 ? `${BALLOT_FIELD}-error ballot-rule` : 'ballot-rule'} tabIndex={-1}>
          <legend>{t('participatory-budgets.voting.legend', { localidad })}</legend>
          {general.length > 0 && (
            <div id={`${BALLOT_FIELD}-error`}>
              {general.map((error) => (
                <p class="error-message">
                  <span class="visually-hidden">{t('forms.error_prefix')} </span>
                  {message(error)}
                </p>
              ))}
            </div>
          )}
          <ul class="ballot-list">
            {candidates.map((candidate) => (
              <BallotItem ctx={ctx} rule={rule} limits={limits} edition={edition} candidate={candidate} value={state.marks[String(candidate.number)]} error={ticksProjects(rule) ? undefined : byField.get(String(candidate.number))} message={message} />
            ))}
          </ul>
        </fieldset>
        <BallotStatus ctx={ctx} rule={rule} />
        <Button>{submit}</Button>
      </Form>
    </>
  );
}

function BallotItem(props: {
  ctx: ViewContext;
  rule: Edition['ballot_rule'];
  limits: BallotLimits;
  edition: Edition;
  candidate: Candidate;
  value: string | undefined;
  error: BallotError | undefined;
  message: (error: BallotError) => string;
}) {
  const { ctx, rule, candidate, error } = props;
  const { t, locale } = ctx;
  const id = markField(rule, candidate.number);
  const costId = `${id}-cost`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, costId].filter(Boolean).join(' ');
  const heading = (
    <>
      <span class="ballot-number">{t('participatory-budgets.voting.number', { number: String(candidate.number) })}</span> {candidate.title}
    </>
  );
  const details = (
    <>
      <span class="ballot-cost" id={costId}>
        {t('participatory-budgets.voting.cost', { cost: formatCop(locale, candidate.cost) })}
      </span>
      <a href={proposalPath(props.edition, candidate.number)} class="ballot-more">
        {t('participatory-budgets.voting.see_proposal', { number: String(candidate.number) })}
      </a>
    </>
  );
  if (ticksProjects(rule)) {
    return (
      <li class="ballot-item">
        <input type="checkbox" id={id} name="proyecto" value={String(candidate.number)} checked={props.value === '1'} data-cost={String(candidate.cost)} aria-describedby={costId} />
        <div>
          <label for={id}>{heading}</label>
          {details}
        </div>
      </li>
    );
  }
  const errorMessage = error && (
    <p class="error-message" id={errorId}>
      <span class="visually-hidden">{t('forms.error_prefix')} </span>
      {props.message(error)}
    </p>
  );
  if (rule === 'cumulative') {
    return (
      <li class={error ? 'ballot-item field-error' : 'ballot-item'}>
        <input
          type="number"
          id={id}
          name={id}
          min="0"
          max={String(props.limits.maxPerProject)}
          step="1"
          inputMode="numeric"
          value={props.value ?? ''}
          class="ballot-points"
          data-cost={String(candidate.cost)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
        />
        <div>
          <label for={id}>
            <span class="visually-hidden">{t('participatory-budgets.voting.points_label')} </span>
            {heading}
          </label>
          {errorMessage}
          {details}
        </div>
      </li>
    );
  }
  const ranks = Array.from({ length: props.limits.maxChoices }, (_, i) => String(i + 1));
  return (
    <li class={error ? 'ballot-item field-error' : 'ballot-item'}>
      <select id={id} name={id} class="ballot-rank" aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy}>
        <option value="">{t('participatory-budgets.voting.no_rank')}</option>
        {ranks.map((rank) => (
          <option value={rank} selected={props.value === rank}>
            {t('participatory-budgets.voting.rank_option', { rank })}
          </option>
        ))}
        {props.value && !ranks.includes(props.value) && (
          <option value={props.value} selected>
            {props.value}
          </option>
        )}
      </select>
      <div>
        <label for={id}>
          <span class="visually-hidden">{t('participatory-budgets.voting.rank_label')} </span>
          {heading}
        </label>
        {errorMessage}
        {details}
      </div>
    </li>
  );
}

/**
 * The live status line: hidden without JavaScript (the server validates anyway); pb-ballot.js
 * shows it and fills it from these templates as the person marks the ballot.
 */
function BallotStatus(props: { ctx: ViewContext; rule: Edition['ballot_rule'] }) {
  const { t } = props.ctx;
  const kind = props.rule === 'approval' || props.rule === 'ranking' ? 'count' : props.rule;
  return (
    <div
      class="ballot-status"
      id="ballot-status"
      hidden
      data-template={t(`participatory-budgets.voting.status.${kind}`)}
      data-template-over={t(`participatory-budgets.voting.status.${kind}_over`)}
    >
      <p id="ballot-status-text" aria-live="polite" />
      <meter id="ballot-meter" min="0" max="1" value="0" aria-labelledby="ballot-status-text" />
    </div>
  );
}
