import { LOCALIDADES } from '../../../core/geo/localidades.data.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import { ENTITY_CONTACT } from '../../../core/site/entity-contact.ts';
import { POLICIES } from '../../../core/site/policies.ts';
import { DOCUMENT_TYPES } from '../../../core/verification/identity.ts';
import { Button, ErrorSummary, Form, SelectField, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { CheckboxField, labelsFor, MemorableDateField } from '../account-forms.tsx';
import { DIFFERENTIAL_FIELDS, DIFFERENTIAL_OPTIONS, REGISTRATION_FIELDS, type RegistrationForm } from '../commands/register-user.ts';

const P = 'accounts.registration';

/** The registration form. Shown again with every problem listed and the typed values kept (never the password). */
export function RegisterPage(props: { ctx: ViewContext; form: RegistrationForm; errors?: FieldErrors }) {
  const { ctx, form, errors } = props;
  const { t } = ctx;
  const version = POLICIES.privacy[ctx.locale].version;
  const title = t(`${P}.title`);
  return (
    <Layout ctx={ctx} title={title} description={t(`${P}.lead`)} breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t(`${P}.lead`)}</p>
      <ErrorSummary t={t} errors={errors} labels={labelsFor(t, `${P}.field`, REGISTRATION_FIELDS)} />
      <Form ctx={ctx} action="/registro" novalidate>
        <fieldset>
          <legend>{t(`${P}.section_account`)}</legend>
          <TextField t={t} name="display_name" label={t(`${P}.field.display_name`)} hint={t(`${P}.hint.display_name`)} value={form.display_name} errors={errors} required autocomplete="name" maxLength={120} />
          <TextField t={t} name="email" type="email" label={t(`${P}.field.email`)} hint={t(`${P}.hint.email`)} value={form.email} errors={errors} required autocomplete="email" maxLength={254} />
          <TextField t={t} name="password" type="password" label={t(`${P}.field.password`)} hint={t(`${P}.hint.password`)} errors={errors} required autocomplete="new-password" maxLength={200} />
        </fieldset>
        <fieldset>
          <legend>{t(`${P}.section_identity`)}</legend>
          <p class="hint">{t(`${P}.identity_reason`)}</p>
          <SelectField
            t={t}
            name="document_type"
            label={t(`${P}.field.document_type`)}
            value={form.document_type}
            errors={errors}
            required
            placeholder={t(`${P}.choose`)}
            options={DOCUMENT_TYPES.map((type) => ({ value: type, label: t(`${P}.document_type.${type}`) }))}
          />
          <TextField t={t} name="document_number" label={t(`${P}.field.document_number`)} hint={t(`${P}.hint.document_number`)} value={form.document_number} errors={errors} required autocomplete="off" maxLength={30} />
          <MemorableDateField
            t={t}
            name="birth_date"
            legend={t(`${P}.field.birth_date`)}
            hint={t(`${P}.hint.birth_date`)}
            errors={errors}
            required
            values={{ day: form.birth_day, month: form.birth_month, year: form.birth_year }}
            labels={{ day: t(`${P}.field.birth_day`), month: t(`${P}.field.birth_month`), year: t(`${P}.field.birth_year`) }}
          />
          <SelectField
            t={t}
            name="localidad"
            label={t(`${P}.field.localidad`)}
            value={form.localidad}
            errors={errors}
            required
            placeholder={t(`${P}.choose`)}
            options={LOCALIDADES.map((l) => ({ value: l.code, label: `${l.number}. ${l.name}` }))}
          />
        </fieldset>
        <fieldset>
          <legend>{t(`${P}.section_differential`)}</legend>
          <p class="hint">{t(`${P}.differential_reason`)}</p>
          {DIFFERENTIAL_FIELDS.map((field) => (
            <SelectField
              t={t}
              name={field}
              label={t(`${P}.field.${field}`)}
              value={form[field]}
              errors={errors}
              placeholder={t(`${P}.not_answered`)}
              options={DIFFERENTIAL_OPTIONS[field].map((value) => ({ value, label: t(`${P}.${field}.${value}`) }))}
            />
          ))}
        </fieldset>
        <section aria-labelledby="privacy-notice">
          <h2 id="privacy-notice">{t(`${P}.privacy_title`)}</h2>
          <p>{t(`${P}.privacy_controller`, { name: ENTITY_CONTACT.name, address: ENTITY_CONTACT.address, email: ENTITY_CONTACT.email })}</p>
          <p>{t(`${P}.privacy_purpose`)}</p>
          <p>{t(`${P}.privacy_rights`)}</p>
          <p>
            <a href="/privacidad">{t(`${P}.privacy_link`, { version })}</a>
          </p>
          <CheckboxField t={t} name="consent" label={t(`${P}.consent_label`, { version })} checked={form.consent} errors={errors} required />
        </section>
        <Button>{t(`${P}.submit`)}</Button>
      </Form>
      <p>
        {t(`${P}.have_account`)} <a href="/ingresar">{t(`${P}.sign_in_link`)}</a>
      </p>
    </Layout>
  );
}

export function RegisterSentPage(props: { ctx: ViewContext }) {
  const { ctx } = props;
  const { t } = ctx;
  const title = t(`${P}.sent_title`);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t(`${P}.sent_lead`)}</p>
      <p>{t(`${P}.sent_new`)}</p>
      <p>{t(`${P}.sent_existing`)}</p>
      <p>{t(`${P}.sent_spam`)}</p>
      <p>
        <a href="/ingresar">{t('accounts.signin.title')}</a>
      </p>
    </Layout>
  );
}
