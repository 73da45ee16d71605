import type { FieldErrors } from '../../../core/http/errors.ts';
import { Button, ErrorSummary, Form, SelectField, TextAreaField, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { EXTRA_FIELDS, FREQUENCIES, LICENCES } from '../catalogue.data.ts';
import type { Group, Organization } from '../catalogue.queries.ts';

/** What the form shows: the values as sent (kept on error) or as stored. */
export type DatasetFormValues = Record<string, string | string[]>;

const str = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(', ') : (v ?? ''));
const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

/** `/datos/gestion/nuevo` and `/datos/conjuntos/<name>/editar`: the officials' dataset form (no JavaScript needed). */
export function DatasetFormPage(props: {
  ctx: ViewContext;
  action: string;
  editing: boolean;
  values: DatasetFormValues;
  errors?: FieldErrors;
  organizations: Organization[];
  groups: Group[];
  localidades: { code: string; name: string }[];
}) {
  const { ctx, values, errors } = props;
  const { t } = ctx;
  const title = props.editing ? t('open-data.manage.edit_title', { title: str(values.title) }) : t('open-data.manage.new_title');
  const labels: Record<string, string> = {
    name: t('open-data.field.name'),
    title: t('open-data.field.title'),
    notes: t('open-data.field.notes'),
    owner_org: t('open-data.field.organization'),
    group: t('open-data.field.group'),
    license_id: t('open-data.field.licence'),
    frequency: t('open-data.field.frequency'),
    localidades: t('open-data.field.localidades'),
    temporal_start: t('open-data.field.temporal_start'),
    temporal_end: t('open-data.field.temporal_end'),
    maintainer: t('open-data.field.contact_name'),
    maintainer_email: t('open-data.field.contact_email'),
    tags: t('open-data.field.tags'),
  };
  const chosen = list(values.localidades);
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/datos', label: t('open-data.title') }, { href: '/datos/gestion', label: t('open-data.manage.title') }, { label: title }]}
    >
      <h1>{title}</h1>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <Form ctx={ctx} action={props.action} novalidate>
        <TextField t={t} name="title" label={labels.title!} value={str(values.title)} errors={errors} required maxLength={300} />
        <TextField t={t} name="name" label={labels.name!} hint={t('open-data.field.name_hint')} value={str(values.name)} errors={errors} required maxLength={100} />
        <TextAreaField t={t} name="notes" label={labels.notes!} hint={t('open-data.field.notes_hint')} value={str(values.notes)} errors={errors} required rows={8} />
        <SelectField
          t={t}
          name="owner_org"
          label={labels.owner_org!}
          value={str(values.owner_org)}
          errors={errors}
          required
          placeholder={t('open-data.field.choose')}
          options={props.organizations.map((o) => ({ value: o.code, label: `${o.name} (${o.acronym})` }))}
        />
        <SelectField t={t} name="group" label={labels.group!} value={str(values.group)} errors={errors} required placeholder={t('open-data.field.choose')} options={props.groups.map((g) => ({ value: g.name, label: g.title }))} />
        <SelectField t={t} name="license_id" label={labels.license_id!} value={str(values.license_id) || 'cc-by-4.0'} errors={errors} required options={LICENCES.map((l) => ({ value: l.id, label: l.title }))} />
        <SelectField t={t} name="frequency" label={labels.frequency!} value={str(values.frequency) || 'IRREG'} errors={errors} required options={FREQUENCIES.map((f) => ({ value: f, label: t(`open-data.frequency.${f}`) }))} />
        <fieldset class={errors?.localidades ? 'field field-error' : 'field'} aria-describedby="localidades-hint">
          <legend>{labels.localidades}</legend>
          <p class="hint" id="localidades-hint">
            {t('open-data.field.localidades_hint')}
          </p>
          {errors?.localidades && <p class="error-message">{t(errors.localidades.key)}</p>}
          <div class="od-checks">
            {props.localidades.map((l, i) => (
              <div class="sp-check">
                <input type="checkbox" id={i === 0 ? 'localidades' : `localidades-${l.code}`} name="localidades" value={l.code} checked={chosen.includes(l.code)} />
                <label for={i === 0 ? 'localidades' : `localidades-${l.code}`}>
                  {l.code} {l.name}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <TextField t={t} name="temporal_start" type="date" label={labels.temporal_start!} value={str(values.temporal_start)} errors={errors} />
        <TextField t={t} name="temporal_end" type="date" label={labels.temporal_end!} value={str(values.temporal_end)} errors={errors} />
        <TextField t={t} name="maintainer" label={labels.maintainer!} value={str(values.maintainer)} errors={errors} required maxLength={200} />
        <TextField t={t} name="maintainer_email" type="email" label={labels.maintainer_email!} value={str(values.maintainer_email)} errors={errors} required autocomplete="email" />
        <TextField t={t} name="tags" label={labels.tags!} hint={t('open-data.field.tags_hint')} value={str(values.tags)} errors={errors} />
        <fieldset class="field">
          <legend>{t('open-data.field.extras')}</legend>
          {EXTRA_FIELDS.map((field, i) => (
            <TextField t={t} name={`extra:${field}`} label={field} value={str(values[`extra:${field}`])} errors={errors} maxLength={500} key={i} />
          ))}
        </fieldset>
        <div class="sp-check">
          <input type="checkbox" id="private" name="private" value="true" checked={str(values.private) === 'true'} />
          <label for="private">{t('open-data.field.private')}</label>
        </div>
        <Button>{props.editing ? t('open-data.manage.save') : t('open-data.manage.create')}</Button>
      </Form>
    </Layout>
  );
}
