import { formatNumber } from '../../../core/i18n/i18n.ts';
import type { Decision, DenialReason } from '../../../core/permissions/permissions.ts';
import { Button, Form, SelectField, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { CauseComment, CauseDetail, CauseFile, TimelineEntry } from '../causes.queries.ts';
import { answeredLate, collectsSupports } from '../states.ts';
import { CauseComments, InlineTextArea, type InlineFormState } from './CauseComments.tsx';
import { causePath, DeniedAction, OverdueBadge, ShareLinks, StateBadge, SupportProgress, When } from './components.tsx';
import { LIST_PATH } from './CausesListPage.tsx';

export interface CauseViewer {
  supports: boolean;
  follows: boolean;
  isAuthor: boolean;
}

export interface CausePageProps {
  ctx: ViewContext;
  cause: CauseDetail;
  /** Absolute address of the page, for share links. */
  shareUrl: string;
  evidenceLinks: string[];
  files: CauseFile[];
  answer: { body: string; answered_at: Date; entity_name: string } | undefined;
  links: { id: string; kind: string; url: string; title: string; created_at: Date }[];
  timeline: TimelineEntry[];
  comments: CauseComment[];
  viewer: CauseViewer;
  decisions: {
    support: Decision;
    follow: Decision;
    comment: Decision;
    report: Decision;
    edit: Decision;
    withdraw: Decision;
    postUpdate: Decision;
    moderate: boolean;
    respond: boolean;
  };
  /** Citizens the signed-in desk clerk may support for (open assisted sessions). */
  assistedCitizens: { id: string; name: string }[];
  /** A refused action to explain at the top of the page. */
  notice?: { action: string; reason: DenialReason | string };
  form?: InlineFormState;
}

const P = 'causes.page.';

function FileList(props: { ctx: ViewContext; causeId: string; files: CauseFile[] }) {
  const { t, locale } = props.ctx;
  return (
    <ul>
      {props.files.map((f) => (
        <li>
          <a href={`${causePath(props.causeId)}/archivos/${f.file_id}`}>{f.original_name}</a> ({t(`causes.file_types.${f.media_type.split('/')[1]}`)},{' '}
          {t('causes.file_size', { size: formatNumber(locale, Number(f.size_bytes) / 1024 / 1024, 1) })})
        </li>
      ))}
    </ul>
  );
}

function StatusNotice(props: CausePageProps) {
  const { ctx, cause } = props;
  const { t } = ctx;
  switch (cause.state) {
    case 'draft':
      return (
        <div class="notice" role="note">
          <p>{t(`${P}draft_notice`)}</p>
          {props.viewer.isAuthor && (
            <Form ctx={ctx} action={`${causePath(cause.id)}/publicar`}>
              <Button>{t(`${P}publish`)}</Button>
            </Form>
          )}
        </div>
      );
    case 'threshold_reached':
    case 'in_response':
      return (
        <div class="notice" role="note">
          <p>
            {t(cause.overdue ? `${P}overdue_notice` : `${P}awaiting_notice`, { entity: cause.entity_name ?? '', days: cause.answer_term_business_days })}{' '}
            <When ctx={ctx} value={cause.answer_due_on!} />.
          </p>
        </div>
      );
    case 'expired':
      return (
        <p class="notice" role="note">
          {t(`${P}expired_notice`, { count: cause.supports_count, threshold: formatNumber(ctx.locale, cause.threshold) })}
        </p>
      );
    case 'withdrawn':
      return (
        <p class="notice" role="note">
          {t(`${P}withdrawn_notice`)}
        </p>
      );
    default:
      return null;
  }
}

function SupportArea(props: CausePageProps) {
  const { ctx, cause, viewer, decisions } = props;
  const { t } = ctx;
  const base = causePath(cause.id);
  if (viewer.supports) {
    return (
      <div class="cause-actions">
        <p class="cause-supported">{t(`${P}you_support`)}</p>
        {decisions.support.allowed && (
          <Form ctx={ctx} action={`${base}/retirar-apoyo`}>
            <Button kind="secondary">{t(`${P}unsupport`)}</Button>
          </Form>
        )}
      </div>
    );
  }
  return (
    <div class="cause-actions">
      {decisions.support.allowed ? (
        <Form ctx={ctx} action={`${base}/apoyar`}>
          <Button>{t(`${P}support`)}</Button>
        </Form>
      ) : (
        <DeniedAction ctx={ctx} action="support" reason={decisions.support.reason} id="support-denied" />
      )}
    </div>
  );
}

function FollowArea(props: CausePageProps) {
  const { ctx, cause, viewer, decisions } = props;
  const { t } = ctx;
  if (!decisions.follow.allowed) return ctx.actor ? null : <DeniedAction ctx={ctx} action="follow" reason={decisions.follow.reason} id="follow-denied" />;
  return (
    <Form ctx={ctx} action={`${causePath(cause.id)}/seguir`}>
      <input type="hidden" name="follow" value={viewer.follows ? '0' : '1'} />
      <Button kind="secondary">{t(viewer.follows ? `${P}unfollow` : `${P}follow`)}</Button>{' '}
      <span class="hint">{t(viewer.follows ? `${P}following_hint` : `${P}follow_hint`)}</span>
    </Form>
  );
}

function AssistedSupport(props: CausePageProps) {
  const { ctx, cause, assistedCitizens } = props;
  const { t } = ctx;
  if (assistedCitizens.length === 0 || !collectsSupports(cause)) return null;
  const errors = props.form?.form === 'assisted' ? props.form.errors : undefined;
  return (
    <section aria-labelledby="assisted-heading" class="cause-tools">
      <h2 id="assisted-heading">{t(`${P}assisted_heading`)}</h2>
      <Form ctx={ctx} action={`${causePath(cause.id)}/apoyar-asistido`} novalidate>
        <SelectField t={t} name="citizen_id" label={t(`${P}assisted_citizen`)} required errors={errors} options={assistedCitizens.map((c) => ({ value: c.id, label: c.name }))} />
        <Button>{t(`${P}assisted_submit`)}</Button>
      </Form>
    </section>
  );
}

function Timeline(props: { ctx: ViewContext; entries: TimelineEntry[] }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t(`${P}timeline`)}</h2>
      <ol class="cause-timeline">
        {props.entries.map((e) => (
          <li class={`cause-event cause-event-${e.kind}`}>
            <p class="comment-meta">
              <When ctx={ctx} value={e.occurred_at} withTime />
            </p>
            <p>
              <strong>{e.kind !== 'state' ? t(`causes.events.${e.kind}`) : e.from_state === 'hidden' ? t('causes.events.restored') : t(`causes.events.${e.to_state}`)}</strong>
            </p>
            {e.body && <p class="pre-line">{e.body}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function AuthorTools(props: CausePageProps) {
  const { ctx, cause, decisions, form } = props;
  const { t } = ctx;
  const base = causePath(cause.id);
  if (!props.viewer.isAuthor) return null;
  const updateForm = form?.form === 'update' ? form : undefined;
  return (
    <section aria-labelledby="author-heading" class="cause-tools">
      <h2 id="author-heading">{t(`${P}author_tools`)}</h2>
      {decisions.edit.allowed ? (
        <p>
          <a class="button button-secondary" href={`${base}/editar`}>
            {t(`${P}edit`)}
          </a>
        </p>
      ) : (
        cause.state !== 'draft' && <DeniedAction ctx={ctx} action="edit" reason={decisions.edit.reason} id="edit-denied" />
      )}
      {decisions.postUpdate.allowed && (
        <Form ctx={ctx} action={`${base}/novedades`} novalidate>
          <InlineTextArea ctx={ctx} id="update-body" name="body" label={t(`${P}update_label`)} value={updateForm?.values.body} error={updateForm?.errors.body} rows={3} maxLength={5000} />
          <Button kind="secondary">{t(`${P}update_submit`)}</Button>
        </Form>
      )}
      {decisions.withdraw.allowed && (
        <details>
          <summary>{t(`${P}withdraw`)}</summary>
          <p>{t(`${P}withdraw_warning`)}</p>
          <Form ctx={ctx} action={`${base}/retirar`}>
            <Button kind="danger">{t(`${P}withdraw_confirm`)}</Button>
          </Form>
        </details>
      )}
    </section>
  );
}

const LINK_KINDS = ['consultation', 'pb-proposal', 'commitment', 'other'] as const;

function OfficialTools(props: CausePageProps) {
  const { ctx, cause, form } = props;
  const { t } = ctx;
  const base = causePath(cause.id);
  if (!props.decisions.respond) return null;
  const linkForm = form?.form === 'link' ? form : undefined;
  return (
    <section aria-labelledby="official-heading" class="cause-tools">
      <h2 id="official-heading">{t(`${P}official_tools`)}</h2>
      {cause.state === 'threshold_reached' && (
        <Form ctx={ctx} action={`${base}/acusar-recibo`}>
          <p class="hint">{t(`${P}acknowledge_hint`)}</p>
          <Button kind="secondary">{t(`${P}acknowledge`)}</Button>
        </Form>
      )}
      {cause.state !== 'answered' && (
        <p>
          <a class="button" href={`${base}/respuesta`}>
            {t(`${P}answer`)}
          </a>
        </p>
      )}
      <h3 id="link-heading">{t(`${P}link_heading`)}</h3>
      <Form ctx={ctx} action={`${base}/enlaces`} novalidate>
        <SelectField t={t} name="kind" label={t(`${P}link_kind`)} required value={linkForm?.values.kind} errors={linkForm?.errors} options={LINK_KINDS.map((k) => ({ value: k, label: t(`causes.link_kinds.${k}`) }))} />
        <TextField t={t} name="url" label={t(`${P}link_url`)} hint={t(`${P}link_url_hint`)} required value={linkForm?.values.url} errors={linkForm?.errors} maxLength={500} />
        <TextField t={t} name="title" label={t(`${P}link_title`)} required value={linkForm?.values.title} errors={linkForm?.errors} maxLength={200} />
        <Button kind="secondary">{t(`${P}link_submit`)}</Button>
      </Form>
    </section>
  );
}

function ModeratorTools(props: CausePageProps) {
  const { ctx, cause, form } = props;
  const { t } = ctx;
  if (!props.decisions.moderate || cause.state === 'draft') return null;
  if (cause.state === 'hidden') return <RestoreCause {...props} />;
  const hideForm = form?.form === 'hide-cause' ? form : undefined;
  return (
    <section aria-labelledby="moderation-heading" class="cause-tools">
      <h2 id="moderation-heading">{t(`${P}moderation`)}</h2>
      <details open={Boolean(hideForm)}>
        <summary>{t(`${P}hide`)}</summary>
        <Form ctx={ctx} action={`${causePath(cause.id)}/ocultar`} novalidate>
          <InlineTextArea ctx={ctx} id="hide-cause-reason" name="reason" label={t(`${P}hide_reason`)} value={hideForm?.values.reason} error={hideForm?.errors.reason} rows={2} maxLength={500} />
          <Button kind="danger">{t(`${P}hide_submit`)}</Button>
        </Form>
      </details>
    </section>
  );
}

/** For moderators, on a hidden cause: put it back where it was, with a public reason. */
function RestoreCause(props: CausePageProps) {
  const { ctx, cause, form } = props;
  const { t } = ctx;
  const restoreForm = form?.form === 'restore-cause' ? form : undefined;
  return (
    <section aria-labelledby="moderation-heading" class="cause-tools">
      <h2 id="moderation-heading">{t(`${P}moderation`)}</h2>
      <details open={Boolean(restoreForm)}>
        <summary>{t(`${P}restore`)}</summary>
        <Form ctx={ctx} action={`${causePath(cause.id)}/restaurar`} novalidate>
          <InlineTextArea ctx={ctx} id="restore-cause-reason" name="reason" label={t(`${P}restore_reason`)} value={restoreForm?.values.reason} error={restoreForm?.errors.reason} rows={2} maxLength={500} />
          <Button>{t(`${P}restore_submit`)}</Button>
        </Form>
      </details>
    </section>
  );
}

function ReportCause(props: CausePageProps) {
  const { ctx, cause, form } = props;
  const { t } = ctx;
  if (!props.decisions.report.allowed || props.viewer.isAuthor) return null;
  const reportForm = form?.form === 'report-cause' ? form : undefined;
  return (
    <details open={Boolean(reportForm)} class="cause-report">
      <summary>{t(`${P}report`)}</summary>
      <Form ctx={ctx} action={`${causePath(cause.id)}/reportar`} novalidate>
        <InlineTextArea ctx={ctx} id="report-cause-reason" name="reason" label={t(`${P}report_reason`)} value={reportForm?.values.reason} error={reportForm?.errors.reason} rows={2} maxLength={500} />
        <Button kind="secondary">{t(`${P}report_submit`)}</Button>
      </Form>
    </details>
  );
}

/**
 * At the top of the page: why an action was refused (with its reason code for scripts and tests),
 * or what was wrong with one of the page's small forms.
 */
function Refusal(props: { ctx: ViewContext; notice?: CausePageProps['notice']; form?: InlineFormState }) {
  const { t } = props.ctx;
  const { notice, form } = props;
  if (notice) {
    return (
      <div class="error-summary" role="alert" data-reason={notice.reason} tabIndex={-1}>
        <p>
          {t(`causes.refused.${notice.action}`)} {t(notice.reason.includes('.') ? notice.reason : `reasons.${notice.reason}`)}
        </p>
      </div>
    );
  }
  const errors = Object.values(form?.errors ?? {});
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>{t('forms.error_summary')}</h2>
      <ul>
        {errors.map((e) => (
          <li>{t(e.key, e.vars)}</li>
        ))}
      </ul>
    </div>
  );
}

/** A short plain-text description for search engines and link previews. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** A cause: its diagnosis and evidence, supports, the entity's answer, timeline and comments. */
export function CausePage(props: CausePageProps) {
  const { ctx, cause } = props;
  const { t } = ctx;
  const base = causePath(cause.id);
  const crumbs = [
    { href: '/', label: t('nav.home') },
    { href: LIST_PATH, label: t('causes.title') },
    { label: cause.title },
  ];
  if (cause.state === 'hidden' && !props.decisions.moderate) {
    return (
      <Layout ctx={ctx} title={cause.title} breadcrumbs={crumbs}>
        <Refusal ctx={ctx} notice={props.notice} form={props.form} />
        <h1>{cause.title}</h1>
        <p class="notice" role="note">
          {t(`${P}hidden_notice`, { reason: cause.hidden_reason ?? '' })}
        </p>
        <p>
          <a href={LIST_PATH}>{t(`${P}back_to_list`)}</a>
        </p>
      </Layout>
    );
  }
  const evidenceFiles = props.files.filter((f) => f.purpose === 'evidence');
  const answerFiles = props.files.filter((f) => f.purpose === 'answer');
  return (
    <Layout ctx={ctx} title={cause.title} description={excerpt(cause.problem)} breadcrumbs={crumbs} share={{ type: 'article' }}>
      <Refusal ctx={ctx} notice={props.notice} form={props.form} />
      <h1>{cause.title}</h1>
      <p>
        <StateBadge ctx={ctx} state={cause.state} /> {cause.overdue && <OverdueBadge ctx={ctx} />} {answeredLate(cause) && <span class="badge cause-overdue">{t('causes.answered_late')}</span>}
      </p>
      {cause.state === 'hidden' && (
        <p class="notice" role="note">
          {t(`${P}hidden_notice`, { reason: cause.hidden_reason ?? '' })}
        </p>
      )}
      <StatusNotice {...props} />
      <dl class="facts">
        <dt>{t('causes.fields.localidad')}</dt>
        <dd>{cause.localidad_name ?? t('causes.whole_city')}</dd>
        <dt>{t('causes.fields.topic')}</dt>
        <dd>{t(`causes.topics.${cause.topic_code}`)}</dd>
        <dt>{t('causes.fields.entity')}</dt>
        <dd>{cause.entity_name ?? t(`${P}no_entity`)}</dd>
        <dt>{t('causes.fields.author')}</dt>
        <dd>{cause.author_name || t('causes.deleted_account')}</dd>
        {cause.published_at && (
          <>
            <dt>{t('causes.fields.published')}</dt>
            <dd>
              <When ctx={ctx} value={cause.published_at} />
            </dd>
            <dt>{t('causes.fields.deadline')}</dt>
            <dd>
              <When ctx={ctx} value={cause.deadline_at!} />
            </dd>
          </>
        )}
        {cause.answer_due_on && (
          <>
            <dt>{t('causes.fields.answer_due')}</dt>
            <dd>
              <When ctx={ctx} value={cause.answer_due_on} />
            </dd>
          </>
        )}
      </dl>
      {cause.published_at && (
        <section aria-labelledby="supports-heading" class="cause-supports">
          <h2 id="supports-heading">{t(`${P}supports_heading`)}</h2>
          <SupportProgress ctx={ctx} id="cause-progress" supports={cause.supports_count} threshold={cause.threshold} />
          <SupportArea {...props} />
          <FollowArea {...props} />
        </section>
      )}
      <AssistedSupport {...props} />
      <section aria-labelledby="problem-heading">
        <h2 id="problem-heading">{t(`${P}problem`)}</h2>
        <p class="pre-line">{cause.problem}</p>
      </section>
      {(cause.evidence || props.evidenceLinks.length > 0 || evidenceFiles.length > 0) && (
        <section aria-labelledby="evidence-heading">
          <h2 id="evidence-heading">{t(`${P}evidence`)}</h2>
          {cause.evidence && <p class="pre-line">{cause.evidence}</p>}
          {props.evidenceLinks.length > 0 && (
            <ul>
              {props.evidenceLinks.map((url) => (
                <li>
                  <a href={url} rel="noopener noreferrer nofollow">
                    {url}
                  </a>
                </li>
              ))}
            </ul>
          )}
          {evidenceFiles.length > 0 && <FileList ctx={ctx} causeId={cause.id} files={evidenceFiles} />}
        </section>
      )}
      {props.answer && (
        <section aria-labelledby="answer-heading" class="cause-answer">
          <h2 id="answer-heading">{t(`${P}answer_heading`, { entity: props.answer.entity_name })}</h2>
          <p class="comment-meta">
            <When ctx={ctx} value={props.answer.answered_at} />
          </p>
          <p class="pre-line">{props.answer.body}</p>
          {answerFiles.length > 0 && <FileList ctx={ctx} causeId={cause.id} files={answerFiles} />}
        </section>
      )}
      {props.links.length > 0 && (
        <section aria-labelledby="links-heading">
          <h2 id="links-heading">{t(`${P}links_heading`)}</h2>
          <ul>
            {props.links.map((l) => (
              <li>
                {t(`causes.link_kinds.${l.kind}`)}: <a href={l.url}>{l.title}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <OfficialTools {...props} />
      <AuthorTools {...props} />
      <ModeratorTools {...props} />
      <Timeline ctx={ctx} entries={props.timeline} />
      {cause.published_at && cause.state !== 'hidden' && <ShareLinks ctx={ctx} url={props.shareUrl} title={cause.title} />}
      <ReportCause {...props} />
      {cause.published_at && <CauseComments ctx={ctx} base={base} comments={props.comments} comment={props.decisions.comment} report={props.decisions.report} moderate={props.decisions.moderate} form={props.form} />}
    </Layout>
  );
}
