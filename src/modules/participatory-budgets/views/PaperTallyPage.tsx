import type { FieldErrors } from '../../../core/http/errors.ts';
import { formatDate, formatNumber } from '../../../core/i18n/i18n.ts';
import { DataTable, EmptyState } from '../../../core/views/components/content.tsx';
import { Button, ErrorSummary, Form, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { BallotLimits } from '../ballot-config.ts';
import { maxProjects } from '../ballot-validation.ts';
import type { PaperTallySummary } from '../ballots.queries.ts';
import { editionPath, envelopePath, type Edition, type Envelope } from '../editions.queries.ts';
import type { TallyReport } from '../paper-tally.ts';
import { PaperTallyReport } from './PaperTallyReport.tsx';

export const paperTallyPath = (edition: Pick<Edition, 'slug'>, envelope: Pick<Envelope, 'id' | 'localidad_code'>) => `${envelopePath(edition, envelope)}/votos-en-papel`;

export interface PaperTallyPageProps {
  ctx: ViewContext;
  edition: Edition;
  envelope: Envelope;
  limits: BallotLimits;
  tallies: PaperTallySummary[];
  voters: Record<'online' | 'assisted' | 'paper', number>;
  values: { mesa?: string; registro?: string; papeletas?: string };
  errors?: FieldErrors;
  /** After "check": the reconciliation report, and the fingerprint of the checked text. */
  report?: TallyReport;
  fingerprint?: string;
  /** Why the report is shown again instead of importing. */
  notice?: 'conflict';
}

/** A labelled textarea with hint and inline error (the core has text inputs only). */
function TextArea(props: { ctx: ViewContext; name: string; label: string; hint: string; value?: string; errors?: FieldErrors; rows?: number }) {
  const { t } = props.ctx;
  const error = props.errors?.[props.name];
  const describedBy = [`${props.name}-hint`, error ? `${props.name}-error` : null].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={props.name}>
        {props.label}
        <span class="required"> ({t('forms.required')})</span>
      </label>
      <p class="hint" id={`${props.name}-hint`}>
        {props.hint}
      </p>
      {error && (
        <p class="error-message" id={`${props.name}-error`}>
          <span class="visually-hidden">{t('forms.error_prefix')} </span>
          {t(error.key, error.vars)}
        </p>
      )}
      <textarea id={props.name} name={props.name} rows={props.rows ?? 8} class="tally-text" spellcheck={false} autoComplete="off" aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy} value={props.value ?? ''} />
    </div>
  );
}

/**
 * `/presupuestos-participativos/:slug/:envelope/votos-en-papel` (officials of the localidad's
 * alcaldía local, while voting and counting): the stations imported so far and the import form,
 * which first shows a reconciliation report and imports only on confirmation.
 */
export function PaperTallyPage(props: PaperTallyPageProps) {
  const { ctx, edition, envelope, report } = props;
  const { t, locale } = ctx;
  const localidad = envelope.localidad_name ?? envelope.name;
  const title = t('participatory-budgets.voting.paper.title', { localidad });
  const labels = {
    mesa: t('participatory-budgets.voting.paper.station'),
    registro: t('participatory-budgets.voting.paper.poll_book'),
    papeletas: t('participatory-budgets.voting.paper.ballots'),
  };
  const max = maxProjects(edition.ballot_rule, props.limits);
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: '/', label: t('nav.home') },
        { href: '/presupuestos-participativos', label: t('participatory-budgets.title') },
        { href: editionPath(edition), label: edition.title },
        { href: envelopePath(edition, envelope), label: localidad },
        { label: t('participatory-budgets.voting.paper.link') },
      ]}
    >
      <h1>{title}</h1>
      <p class="lead">{t('participatory-budgets.voting.paper.intro')}</p>
      <p>{t('participatory-budgets.voting.paper.privacy')}</p>

      {report && <PaperTallyReport ctx={ctx} report={report} notice={props.notice} />}

      <section aria-labelledby="paper-import">
        <h2 id="paper-import">{t('participatory-budgets.voting.paper.import_heading')}</h2>
        <ErrorSummary t={t} errors={props.errors} labels={labels} />
        <Form ctx={ctx} action={paperTallyPath(edition, envelope)} novalidate>
          <TextField
            t={t}
            name="mesa"
            label={labels.mesa}
            hint={t('participatory-budgets.voting.paper.station_hint')}
            required
            errors={props.errors}
            value={props.values.mesa}
            maxLength={200}
            autocomplete="off"
          />
          <TextArea ctx={ctx} name="registro" label={labels.registro} hint={t('participatory-budgets.voting.paper.poll_book_hint')} value={props.values.registro} errors={props.errors} />
          <TextArea
            ctx={ctx}
            name="papeletas"
            label={labels.papeletas}
            hint={t(`participatory-budgets.voting.paper.ballots_hint.${edition.ballot_rule}`, { max: max ?? '' })}
            value={props.values.papeletas}
            errors={props.errors}
          />
          {props.fingerprint && <input type="hidden" name="huella" value={props.fingerprint} />}
          <div class="button-row">
            {report?.acceptable && props.fingerprint && (
              <Button name="paso" value="confirmar">
                {t('participatory-budgets.voting.paper.confirm')}
              </Button>
            )}
            <Button name="paso" value="revisar" kind={report?.acceptable ? 'secondary' : 'primary'}>
              {t('participatory-budgets.voting.paper.preview')}
            </Button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="paper-voters">
        <h2 id="paper-voters">{t('participatory-budgets.voting.paper.voters_heading')}</h2>
        <p>
          {t('participatory-budgets.voting.paper.voters_text', {
            online: formatNumber(locale, props.voters.online),
            assisted: formatNumber(locale, props.voters.assisted),
            paper: formatNumber(locale, props.voters.paper),
          })}
        </p>
      </section>

      <section aria-labelledby="paper-tallies">
        <h2 id="paper-tallies">{t('participatory-budgets.voting.paper.tallies_heading')}</h2>
        {props.tallies.length === 0 ? (
          <EmptyState title={t('participatory-budgets.voting.paper.none')} />
        ) : (
          <DataTable
            id="paper-tallies-table"
            caption={t('participatory-budgets.voting.paper.tallies_caption', { localidad })}
            rows={props.tallies}
            columns={[
              { header: t('participatory-budgets.voting.paper.column_station'), rowHeader: true, cell: (p) => p.pollingStation },
              { header: t('participatory-budgets.voting.paper.column_voters'), numeric: true, cell: (p) => formatNumber(locale, p.voters) },
              { header: t('participatory-budgets.voting.paper.column_ballots'), numeric: true, cell: (p) => formatNumber(locale, p.ballots) },
              {
                header: t('participatory-budgets.voting.paper.column_imported'),
                cell: (p) => t('participatory-budgets.voting.paper.imported_by', { date: formatDate(locale, p.importedAt, true), name: p.importedBy ?? '—' }),
              },
            ]}
          />
        )}
      </section>
    </Layout>
  );
}
