import type { FieldErrors } from '../../../core/http/errors.ts';
import { locateLocalidad } from '../../../core/geo/locate.ts';
import { formatCop, formatDate } from '../../../core/i18n/i18n.ts';
import type { Decision } from '../../../core/permissions/permissions.ts';
import { Button, ErrorSummary, Form, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { editionPath, envelopePath, type Edition, type Envelope } from '../editions.queries.ts';
import type { ExecutionStatus } from '../participatory-budgets.schema.ts';
import { proposalPath, type ProposalAuthor, type ProposalComment, type ProposalDetail } from '../proposals.queries.ts';
import { ProposalComments, type CommentFormState } from './ProposalComments.tsx';
import { DeniedAction } from './ProposalDenial.tsx';
import { statusLabel } from './ProposalLabels.ts';
import { ProposalMap } from './ProposalMap.tsx';

export interface ProposalViewer {
  supporting: boolean;
  following: boolean;
  /** Author or co-author. */
  isAuthor: boolean;
  /** The author (not a co-author): manages co-authors and may withdraw. */
  isMainAuthor: boolean;
}

export interface ProposalPageProps {
  ctx: ViewContext;
  edition: Edition;
  envelope: Envelope;
  proposal: ProposalDetail;
  authors: ProposalAuthor[];
  comments: ProposalComment[];
  viewer: ProposalViewer;
  decisions: {
    support: Decision;
    follow: Decision;
    comment: Decision;
    /** Only for authors. */
    edit: Decision | null;
    moderate: boolean;
    assess: boolean;
  };
  /** A winning proposal's execution project (status, progress, its page). */
  execution?: { status: ExecutionStatus; progress: number; href: string } | null;
  /** A form of this page that came back with errors. */
  form?: CommentFormState | { form: 'coauthor'; errors: FieldErrors; values: Record<string, string> };
}

const P = 'participatory-budgets.proposals.page.';

function StatusNotice(props: { ctx: ViewContext; edition: Edition; proposal: ProposalDetail; isAuthor: boolean; execution?: ProposalPageProps['execution'] }) {
  const { ctx, edition, proposal, execution } = props;
  const { t } = ctx;
  switch (proposal.status) {
    case 'draft':
      return (
        <div class="notice" role="note">
          <p>{t(`${P}draft_notice`)}</p>
        </div>
      );
    case 'merged':
      return (
        <div class="notice" role="note">
          <p>
            {t(`${P}merged_notice`)}{' '}
            {proposal.merged_into_number !== null && (
              <a href={proposalPath(edition, proposal.merged_into_number)}>
                #{proposal.merged_into_number} {proposal.merged_into_title}
              </a>
            )}
          </p>
          {proposal.valuation_reason && <p class="pre-line">{proposal.valuation_reason}</p>}
        </div>
      );
    case 'withdrawn':
      return (
        <div class="notice" role="note">
          <p>{t(`${P}withdrawn_notice`)}</p>
        </div>
      );
    case 'not_viable':
      return (
        <div class="notice" role="note">
          <p>
            <strong>{t(`${P}not_viable_notice`)}</strong>
          </p>
          <p class="pre-line">{proposal.valuation_reason}</p>
        </div>
      );
    case 'viable':
    case 'selected':
    case 'not_selected':
      return (
        <div class="notice" role="note">
          <p>
            <strong>{t(`${P}${proposal.status}_notice`)}</strong>
          </p>
          {proposal.valuation_reason && <p class="pre-line">{proposal.valuation_reason}</p>}
          {execution && (
            // What the vote led to: the project the alcaldía local carries out, and how far it got.
            <p>
              <a href={execution.href}>
                {t(`${P}execution_link`, { status: t(`participatory-budgets.results.execution.status.${execution.status}`), progress: execution.progress })}
              </a>
            </p>
          )}
        </div>
      );
    default:
      return <p>{t(`${P}submitted_notice`)}</p>;
  }
}

function Facts(props: { ctx: ViewContext; edition: Edition; envelope: Envelope; proposal: ProposalDetail; authors: ProposalAuthor[] }) {
  const { ctx, edition, envelope, proposal } = props;
  const { t, locale } = ctx;
  const lat = proposal.latitude === null ? null : Number(proposal.latitude);
  const lon = proposal.longitude === null ? null : Number(proposal.longitude);
  const located = lat !== null && lon !== null ? locateLocalidad(lon, lat) : null;
  const localidad = envelope.localidad_name ?? envelope.name;
  return (
    <dl class="facts">
      <dt>{t(`${P}localidad`)}</dt>
      <dd>
        <a href={envelopePath(edition, envelope)}>{localidad}</a>
        {proposal.sub_envelope_name && ` · ${proposal.sub_envelope_name}`}
      </dd>
      {proposal.topic_name && (
        <>
          <dt>{t('participatory-budgets.proposals.fields.topic_code')}</dt>
          <dd>{proposal.topic_name}</dd>
        </>
      )}
      {proposal.goal_name && (
        <>
          <dt>{t('participatory-budgets.proposals.fields.goal_code')}</dt>
          <dd>{proposal.goal_name}</dd>
        </>
      )}
      {proposal.concept_name && (
        <>
          <dt>{t('participatory-budgets.proposals.fields.concept_code')}</dt>
          <dd>{proposal.concept_name}</dd>
        </>
      )}
      <dt>{t(`${P}cost`)}</dt>
      <dd>
        {proposal.assessed_cost !== null ? (
          <>
            {t(`${P}assessed_cost`, { amount: formatCop(locale, proposal.assessed_cost) })}
            <br />
            {t(`${P}estimated_cost`, { amount: formatCop(locale, proposal.estimated_cost) })}
          </>
        ) : (
          t(`${P}estimated_cost`, { amount: formatCop(locale, proposal.estimated_cost) })
        )}
      </dd>
      <dt>{t(`${P}location`)}</dt>
      <dd>
        {lat !== null && lon !== null ? (
          <>
            {t(`${P}coordinates`, { latitude: String(lat), longitude: String(lon) })}
            {located && ` (${located.name})`}
          </>
        ) : (
          t(`${P}no_coordinates`)
        )}
        {proposal.location_label && (
          <>
            <br />
            {proposal.location_label}
          </>
        )}
      </dd>
      {proposal.organisation && (
        <>
          <dt>{t('participatory-budgets.proposals.fields.organisation')}</dt>
          <dd>{proposal.organisation}</dd>
        </>
      )}
      {proposal.guiding_question && (
        <>
          <dt>{t('participatory-budgets.proposals.fields.guiding_question')}</dt>
          <dd>{proposal.guiding_question}</dd>
        </>
      )}
      {proposal.keywords && (
        <>
          <dt>{t('participatory-budgets.proposals.fields.keywords')}</dt>
          <dd>{proposal.keywords}</dd>
        </>
      )}
      <dt>{t(`${P}authors`)}</dt>
      <dd>{props.authors.map((a) => (a.role === 'author' ? a.display_name : t(`${P}coauthor_name`, { name: a.display_name }))).join(', ')}</dd>
      <dt>{t(`${P}supports`)}</dt>
      <dd>{t('participatory-budgets.proposals.supports_count', { count: proposal.supports })}</dd>
      {proposal.submitted_at && (
        <>
          <dt>{t(`${P}submitted_at`)}</dt>
          <dd>{formatDate(locale, proposal.submitted_at)}</dd>
        </>
      )}
    </dl>
  );
}

/** Support, follow and edit buttons, each with the reason when the person cannot use it. */
function Actions(props: ProposalPageProps) {
  const { ctx, edition, proposal, viewer, decisions } = props;
  const { t } = ctx;
  const base = proposalPath(edition, proposal.number);
  const open = !['draft', 'merged', 'withdrawn'].includes(proposal.status);
  return (
    <section aria-labelledby="take-part">
      <h2 id="take-part">{t(`${P}take_part`)}</h2>
      {open && (
        <div class="proposal-action">
          {decisions.support.allowed ? (
            <Form ctx={ctx} action={`${base}/${viewer.supporting ? 'retirar-apoyo' : 'apoyar'}`}>
              {viewer.supporting && <p>{t(`${P}you_support`)}</p>}
              <Button kind={viewer.supporting ? 'secondary' : 'primary'}>{t(viewer.supporting ? `${P}unsupport` : `${P}support`)}</Button>
            </Form>
          ) : (
            <DeniedAction ctx={ctx} action="support" reason={decisions.support.reason} id="support-denied" />
          )}
        </div>
      )}
      {open && (
        <div class="proposal-action">
          {decisions.follow.allowed ? (
            <Form ctx={ctx} action={`${base}/${viewer.following ? 'dejar-de-seguir' : 'seguir'}`}>
              <Button kind="secondary">{t(viewer.following ? `${P}unfollow` : `${P}follow`)}</Button>
            </Form>
          ) : (
            <DeniedAction ctx={ctx} action="follow" reason={decisions.follow.reason} id="follow-denied" />
          )}
        </div>
      )}
      {decisions.edit && ['draft', 'submitted'].includes(proposal.status) && (
        <div class="proposal-action">
          {decisions.edit.allowed ? (
            <p>
              <a class="button button-secondary" href={`${base}/paso/1`}>
                {t(proposal.status === 'draft' ? `${P}continue_draft` : `${P}edit`)}
              </a>
            </p>
          ) : (
            <DeniedAction ctx={ctx} action="edit-proposal" reason={decisions.edit.reason} id="edit-denied" />
          )}
        </div>
      )}
      {viewer.isMainAuthor && decisions.edit?.allowed && ['draft', 'submitted'].includes(proposal.status) && (
        <Form ctx={ctx} action={`${base}/retirar`} class="proposal-action">
          <Button kind="danger">{t(`${P}withdraw`)}</Button>
        </Form>
      )}
      {decisions.assess && (
        <p>
          <a href={`${base}/valoracion`}>{t(`${P}assess_link`)}</a>
        </p>
      )}
    </section>
  );
}

function CoauthorsSection(props: ProposalPageProps) {
  const { ctx, edition, proposal, authors } = props;
  const { t } = ctx;
  const base = proposalPath(edition, proposal.number);
  const form = props.form?.form === 'coauthor' ? props.form : undefined;
  const coauthors = authors.filter((a) => a.role === 'coauthor');
  return (
    <section aria-labelledby="coauthors">
      <h2 id="coauthors">{t(`${P}coauthors`)}</h2>
      {coauthors.length === 0 ? (
        <p>{t(`${P}no_coauthors`)}</p>
      ) : (
        <ul>
          {coauthors.map((a) => (
            <li>
              {a.display_name}{' '}
              <Form ctx={ctx} action={`${base}/coautores/${a.user_id}/quitar`} class="inline-form">
                <button type="submit" class="button button-secondary">
                  {t(`${P}remove_coauthor`)}
                  <span class="visually-hidden"> {a.display_name}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Form ctx={ctx} action={`${base}/coautores`} novalidate class="proposal-form">
        <ErrorSummary t={t} errors={form?.errors} labels={{ 'coauthor-email': t(`${P}coauthor_email`) }} />
        <TextField
          t={t}
          name="coauthor-email"
          type="email"
          autocomplete="off"
          label={t(`${P}coauthor_email`)}
          hint={t(`${P}coauthor_email_hint`)}
          value={form?.values.email}
          errors={form?.errors}
          required
          maxLength={254}
        />
        <Button kind="secondary">{t(`${P}add_coauthor`)}</Button>
      </Form>
    </section>
  );
}

/** `/presupuestos-participativos/:slug/propuestas/:number`: one proposal, its valuation, supports and comments. */
export function ProposalPage(props: ProposalPageProps) {
  const { ctx, edition, envelope, proposal } = props;
  const { t } = ctx;
  const localidad = envelope.localidad_name ?? envelope.name;
  const lat = proposal.latitude === null ? null : Number(proposal.latitude);
  const lon = proposal.longitude === null ? null : Number(proposal.longitude);
  const title = `#${proposal.number} ${proposal.title}`;
  return (
    <Layout
      ctx={ctx}
      title={title}
      description={proposal.description.slice(0, 200)}
      breadcrumbs={[
        { href: '/', label: t('nav.home') },
        { href: '/presupuestos-participativos', label: t('participatory-budgets.title') },
        { href: editionPath(edition), label: edition.title },
        { href: envelopePath(edition, envelope), label: localidad },
        { label: `#${proposal.number}` },
      ]}
    >
      <h1>{title}</h1>
      <p class="lead">
        <span class="badge">{statusLabel(t, proposal.status)}</span> {t(`${P}in_localidad`, { localidad, edition: edition.title })}
      </p>
      <StatusNotice ctx={ctx} edition={edition} proposal={proposal} isAuthor={props.viewer.isAuthor} execution={props.execution} />
      {proposal.image_file_id && proposal.image_sha256 && (
        <figure class="proposal-image">
          <img src={`${proposalPath(edition, proposal.number)}/imagen`} alt={proposal.image_alt} />
        </figure>
      )}
      <h2>{t(`${P}description`)}</h2>
      <p class="pre-line">{proposal.description}</p>
      {proposal.activities && (
        <>
          <h2>{t('participatory-budgets.proposals.fields.activities')}</h2>
          <p class="pre-line">{proposal.activities}</p>
        </>
      )}
      <h2>{t(`${P}details`)}</h2>
      <div class={lat !== null && envelope.localidad_code ? 'with-map' : undefined}>
        <Facts ctx={ctx} edition={edition} envelope={envelope} proposal={proposal} authors={props.authors} />
        {lat !== null && lon !== null && envelope.localidad_code && (
          <ProposalMap localidadCode={envelope.localidad_code} latitude={lat} longitude={lon} title={t(`${P}map_title`, { localidad })} />
        )}
      </div>
      <Actions {...props} />
      {props.viewer.isMainAuthor && props.decisions.edit?.allowed && ['draft', 'submitted'].includes(proposal.status) && <CoauthorsSection {...props} />}
      {proposal.status !== 'draft' && (
        <ProposalComments
          ctx={ctx}
          base={proposalPath(edition, proposal.number)}
          comments={props.comments}
          comment={props.decisions.comment}
          moderate={props.decisions.moderate}
          form={props.form?.form !== 'coauthor' ? props.form : undefined}
        />
      )}
    </Layout>
  );
}
