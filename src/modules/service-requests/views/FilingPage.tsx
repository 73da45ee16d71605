import type { FieldErrors } from '../../../core/http/errors.ts';
import type { DenialReason } from '../../../core/permissions/permissions.ts';
import { ENTITY_CONTACT } from '../../../core/site/entity-contact.ts';
import { POLICIES } from '../../../core/site/policies.ts';
import { DOCUMENT_TYPES } from '../../../core/verification/identity.ts';
import { Button, ErrorSummary, Form, SelectField, TextAreaField, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { DESK_CHANNELS, FILING_FIELDS, type FilingForm } from '../filing-form.ts';
import type { RequestType } from '../service-requests.queries.ts';
import { DeniedNotice } from './DeniedNotice.tsx';
import { Checkbox, FilesField, P, RadioGroup, typeLabel } from './parts.tsx';

export interface FilingChoicesView {
  types: RequestType[];
  entities: { code: string; acronym: string; name: string }[];
  localidades: { code: string; number: number; name: string }[];
}

/**
 * "Radicar una solicitud": the web form, or the service-desk form (channel, and the citizen of an
 * open assisted session). Shown again with every problem listed and the values kept; files must
 * be chosen again (browsers never re-send them).
 */
export function FilingPage(props: {
  ctx: ViewContext;
  form: FilingForm;
  errors?: FieldErrors;
  choices: FilingChoicesView;
  desk?: { assisted: { id: string; name: string }[] };
  /** Set when the person may not file (a requirement an admin added): the reason replaces the button. */
  denied?: DenialReason;
}) {
  const { ctx, form, errors, choices, desk, denied } = props;
  const { t } = ctx;
  const version = POLICIES.privacy[ctx.locale].version;
  const title = t(desk ? `${P}.desk.title` : `${P}.filing.title`);
  const labels = Object.fromEntries(FILING_FIELDS.map((f) => [f, t(`${P}.fields.${f}`)]));
  const identificationOptions = [
    ...(desk
      ? desk.assisted.length > 0
        ? [{ value: 'account', label: t(`${P}.filing.identification.assisted`), hint: t(`${P}.filing.identification.assisted_hint`) }]
        : []
      : ctx.actor
        ? [{ value: 'account', label: t(`${P}.filing.identification.account`, { name: ctx.actor.displayName }), hint: t(`${P}.filing.identification.account_hint`) }]
        : []),
    { value: 'contact', label: t(`${P}.filing.identification.contact`), hint: t(`${P}.filing.identification.contact_hint`) },
    { value: 'anonymous', label: t(`${P}.filing.identification.anonymous`), hint: t(`${P}.filing.identification.anonymous_hint`) },
  ];
  return (
    <Layout
      ctx={ctx}
      title={title}
      description={t(`${P}.filing.lead`)}
      breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/pqrs', label: t(`${P}.title`) }, { label: title }]}
    >
      <h1>{title}</h1>
      <p class="lead">{t(desk ? `${P}.desk.lead` : `${P}.filing.lead`)}</p>
      {!desk && !ctx.actor && (
        <p>
          {t(`${P}.filing.sign_in_hint`)} <a href="/ingresar?next=%2Fpqrs%2Fradicar">{t('layout.sign_in')}</a>
        </p>
      )}
      <ErrorSummary t={t} errors={errors} labels={labels} />
      {errors && Object.keys(errors).length > 0 && <p class="hint">{t(`${P}.filing.files_again`)}</p>}
      <Form ctx={ctx} action={desk ? '/pqrs/ventanilla' : '/pqrs/radicar'} multipart novalidate>
        <fieldset>
          <legend>{t(`${P}.filing.section_request`)}</legend>
          {desk && (
            <SelectField
              t={t}
              name="channel"
              label={t(`${P}.fields.channel`)}
              value={form.channel}
              errors={errors}
              required
              placeholder={t(`${P}.filing.choose`)}
              options={DESK_CHANNELS.map((c) => ({ value: c, label: t(`${P}.channels.${c}`) }))}
            />
          )}
          <SelectField
            t={t}
            name="type"
            label={t(`${P}.fields.type`)}
            hint={t(`${P}.hints.type`)}
            value={form.type}
            errors={errors}
            required
            placeholder={t(`${P}.filing.choose`)}
            options={choices.types.map((type) => ({ value: type.code, label: t(`${P}.filing.type_option`, { type: typeLabel(t, type.code), days: type.term_days }) }))}
          />
          <p>
            <a href="/pqrs#tipologia">{t(`${P}.filing.types_link`)}</a>
          </p>
          <SelectField
            t={t}
            name="entity"
            label={t(`${P}.fields.entity`)}
            hint={t(`${P}.hints.entity`)}
            value={form.entity}
            errors={errors}
            placeholder={t(`${P}.filing.entity_unknown`)}
            options={choices.entities.map((e) => ({ value: e.code, label: `${e.name} (${e.acronym})` }))}
          />
          <SelectField
            t={t}
            name="localidad"
            label={t(`${P}.fields.localidad`)}
            hint={t(`${P}.hints.localidad`)}
            value={form.localidad}
            errors={errors}
            placeholder={t(`${P}.filing.no_localidad`)}
            options={choices.localidades.map((l) => ({ value: l.code, label: `${l.number}. ${l.name}` }))}
          />
          <TextField t={t} name="subject" label={t(`${P}.fields.subject`)} hint={t(`${P}.hints.subject`)} value={form.subject} errors={errors} required maxLength={200} />
          <TextAreaField t={t} name="description" label={t(`${P}.fields.description`)} hint={t(`${P}.hints.description`)} value={form.description} errors={errors} required rows={8} maxLength={10000} />
          <FilesField t={t} label={t(`${P}.fields.files`)} errors={errors} />
        </fieldset>
        <RadioGroup
          t={t}
          name="identification"
          legend={t(`${P}.fields.identification`)}
          hint={t(`${P}.hints.identification`)}
          value={form.identification}
          errors={errors}
          required
          options={identificationOptions}
        />
        {desk && desk.assisted.length > 0 && (
          <SelectField
            t={t}
            name="citizen"
            label={t(`${P}.fields.citizen`)}
            hint={t(`${P}.hints.citizen`)}
            value={form.citizen}
            errors={errors}
            placeholder={t(`${P}.filing.choose`)}
            options={desk.assisted.map((a) => ({ value: a.id, label: a.name }))}
          />
        )}
        <fieldset>
          <legend>{t(`${P}.filing.section_contact`)}</legend>
          <p class="hint">{t(`${P}.filing.contact_reason`)}</p>
          <TextField t={t} name="name" label={t(`${P}.fields.name`)} value={form.name} errors={errors} autocomplete="name" maxLength={200} />
          <TextField t={t} name="email" type="email" label={t(`${P}.fields.email`)} hint={t(`${P}.hints.email`)} value={form.email} errors={errors} autocomplete="email" maxLength={254} />
          <TextField t={t} name="address" label={t(`${P}.fields.address`)} hint={t(`${P}.hints.address`)} value={form.address} errors={errors} autocomplete="street-address" maxLength={300} />
          <TextField t={t} name="phone" type="tel" label={t(`${P}.fields.phone`)} value={form.phone} errors={errors} autocomplete="tel" maxLength={40} />
          <SelectField
            t={t}
            name="document_type"
            label={t(`${P}.fields.document_type`)}
            hint={t(`${P}.hints.document`)}
            value={form.document_type}
            errors={errors}
            placeholder={t(`${P}.filing.no_document`)}
            options={DOCUMENT_TYPES.map((type) => ({ value: type, label: t(`${P}.document_types.${type}`) }))}
          />
          <TextField t={t} name="document_number" label={t(`${P}.fields.document_number`)} value={form.document_number} errors={errors} autocomplete="off" maxLength={30} />
        </fieldset>
        <section aria-labelledby="privacy-notice">
          <h2 id="privacy-notice">{t(`${P}.privacy.title`)}</h2>
          <p>{t(`${P}.privacy.controller`, { name: ENTITY_CONTACT.name, address: ENTITY_CONTACT.address, email: ENTITY_CONTACT.email })}</p>
          <p>{t(`${P}.privacy.purpose`)}</p>
          <p>{t(`${P}.privacy.rights`)}</p>
          <p>
            <a href="/privacidad">{t(`${P}.privacy.link`, { version })}</a>
          </p>
          <Checkbox t={t} name="consent" label={t(`${P}.privacy.consent`, { version })} checked={form.consent} errors={errors} required />
        </section>
        {denied ? <DeniedNotice ctx={ctx} reason={denied} /> : <Button>{t(`${P}.filing.submit`)}</Button>}
      </Form>
    </Layout>
  );
}
