import type { FieldErrors } from '../../../core/http/errors.ts';
import { formatCop } from '../../../core/i18n/i18n.ts';
import { LOCALIDADES } from '../../../core/geo/localidades.data.ts';
import { DataTable } from '../../../core/views/components/content.tsx';
import { Button, ErrorSummary, Form, SelectField, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { amountField } from '../commands/save-envelopes.ts';
import { SUB_ENVELOPE_KINDS, type SubEnvelopeFormValues } from '../commands/save-sub-envelope.ts';
import type { EditionFormValues } from '../edition-form.ts';
import type { Edition, Envelope } from '../editions.queries.ts';
import { ADMIN_PATH } from './AdminEditionsPage.tsx';
import { EditionForm } from './EditionForm.tsx';

export interface SubEnvelopeRow {
  id: string;
  envelope_id: string;
  kind: string;
  code: string;
  name: string;
  amount: string;
}

export interface AdminEditionPageProps {
  ctx: ViewContext;
  /** null while creating. */
  edition: Edition | null;
  values: EditionFormValues;
  errors?: FieldErrors;
  envelopes: Envelope[];
  envelopeValues?: Record<string, string>;
  envelopeErrors?: FieldErrors;
  subEnvelopes: SubEnvelopeRow[];
  subValues?: SubEnvelopeFormValues;
  subErrors?: FieldErrors;
  /** Codes and names a sub-envelope may take, by kind. */
  subCodes: { kind: string; code: string; name: string }[];
}

/** Back office: one edition's settings, its envelope per localidad and their sub-envelopes. */
export function AdminEditionPage(props: AdminEditionPageProps) {
  const { ctx, edition } = props;
  const { t, locale } = ctx;
  const title = edition ? edition.title : t('participatory-budgets.admin.new');
  const amounts = props.envelopeValues ?? Object.fromEntries(props.envelopes.filter((e) => e.localidad_code).map((e) => [amountField(e.localidad_code!), e.amount.split('.')[0]!]));
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/admin', label: t('admin.title') }, { href: ADMIN_PATH, label: t('participatory-budgets.admin.title') }, { label: title }]}>
      <h1>{title}</h1>
      {edition && (
        <p>
          {t(`participatory-budgets.phase.${edition.phase}`)} · <a href={`/presupuestos-participativos/${edition.slug}`}>{t('participatory-budgets.admin.public_page')}</a>
        </p>
      )}
      <h2>{t('participatory-budgets.admin.section.settings')}</h2>
      <EditionForm ctx={ctx} action={edition ? `${ADMIN_PATH}/${edition.slug}` : `${ADMIN_PATH}/nueva`} values={props.values} errors={props.errors} submitLabel={t(edition ? 'participatory-budgets.admin.save' : 'participatory-budgets.admin.create')} />
      {edition && (
        <>
          <h2 id="presupuestos">{t('participatory-budgets.admin.section.envelopes')}</h2>
          <p class="hint">{t('participatory-budgets.admin.hints.envelopes')}</p>
          <Form ctx={ctx} action={`${ADMIN_PATH}/${edition.slug}/presupuestos`} novalidate>
            <ErrorSummary t={t} errors={props.envelopeErrors} labels={Object.fromEntries(LOCALIDADES.map((l) => [amountField(l.code), l.name]))} />
            <div class="amount-grid">
              {LOCALIDADES.map((l) => (
                <TextField t={t} name={amountField(l.code)} label={`${l.number}. ${l.name}`} value={amounts[amountField(l.code)] ?? ''} errors={props.envelopeErrors} inputmode="numeric" />
              ))}
            </div>
            <Button>{t('participatory-budgets.admin.save_envelopes')}</Button>
          </Form>
          <h2 id="subbolsas">{t('participatory-budgets.admin.section.sub_envelopes')}</h2>
          <p class="hint">{t('participatory-budgets.admin.hints.sub_envelopes')}</p>
          {props.subEnvelopes.length > 0 && (
            <DataTable
              caption={t('participatory-budgets.admin.sub_caption')}
              rows={props.subEnvelopes}
              columns={[
                { header: t('participatory-budgets.edition.localidad'), rowHeader: true, cell: (s) => props.envelopes.find((e) => e.id === s.envelope_id)?.name ?? '' },
                { header: t('participatory-budgets.admin.fields.kind'), cell: (s) => t(`participatory-budgets.admin.kind.${s.kind}`) },
                { header: t('participatory-budgets.admin.fields.code'), cell: (s) => s.name },
                { header: t('participatory-budgets.edition.amount'), numeric: true, cell: (s) => formatCop(locale, s.amount) },
                {
                  header: t('participatory-budgets.admin.actions'),
                  cell: (s) => (
                    <Form ctx={ctx} action={`${ADMIN_PATH}/${edition.slug}/subbolsas/${s.id}/eliminar`}>
                      <Button kind="secondary">{t('participatory-budgets.admin.remove_sub', { name: s.name })}</Button>
                    </Form>
                  ),
                },
              ]}
            />
          )}
          {props.envelopes.length > 0 && (
            <Form ctx={ctx} action={`${ADMIN_PATH}/${edition.slug}/subbolsas`} novalidate>
              <ErrorSummary
                t={t}
                errors={props.subErrors}
                labels={{ envelope: t('participatory-budgets.edition.localidad'), kind: t('participatory-budgets.admin.fields.kind'), code: t('participatory-budgets.admin.fields.code'), amount: t('participatory-budgets.edition.amount') }}
              />
              <SelectField t={t} name="envelope" label={t('participatory-budgets.edition.localidad')} required value={props.subValues?.envelope} errors={props.subErrors} options={props.envelopes.map((e) => ({ value: e.id, label: e.name }))} />
              <SelectField
                t={t}
                name="kind"
                label={t('participatory-budgets.admin.fields.kind')}
                required
                value={props.subValues?.kind}
                errors={props.subErrors}
                options={SUB_ENVELOPE_KINDS.map((k) => ({ value: k, label: t(`participatory-budgets.admin.kind.${k}`) }))}
              />
              <SelectField
                t={t}
                name="code"
                label={t('participatory-budgets.admin.fields.code')}
                required
                value={props.subValues?.code}
                errors={props.subErrors}
                options={props.subCodes.map((c) => ({ value: c.code, label: `${t(`participatory-budgets.admin.kind.${c.kind}`)}: ${c.name}` }))}
              />
              <TextField t={t} name="amount" label={t('participatory-budgets.edition.amount')} required value={props.subValues?.amount} errors={props.subErrors} inputmode="numeric" />
              <Button>{t('participatory-budgets.admin.add_sub')}</Button>
            </Form>
          )}
        </>
      )}
    </Layout>
  );
}
