import type { FieldErrors } from '../../../core/http/errors.ts';
import { formatDate } from '../../../core/i18n/i18n.ts';
import type { Role } from '../../../core/permissions/permissions.ts';
import { DataTable, EmptyState } from '../../../core/views/components/content.tsx';
import { Button, ErrorSummary, Form, SelectField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { EntityOption, PersonSummary, RoleRow } from '../admin.queries.ts';
import { accountStatus, adminCrumbs, entityLabel, levelLabel, roleLabel } from './labels.ts';

export interface PersonPageProps {
  ctx: ViewContext;
  person: PersonSummary;
  /** Roles listed with whether this admin may revoke each. */
  roles: (RoleRow & { revocable: boolean })[];
  /** Roles and entities this admin may choose from when granting; empty roles = no grant form. */
  grantableRoles: Role[];
  entityOptions: EntityOption[];
  /** Offer "every entity" (unscoped roles). */
  allowEveryEntity: boolean;
  /** May disable or enable this account. */
  canManageAccount: boolean;
  errors?: FieldErrors;
  values?: { role?: string; entity?: string };
}

/** `/admin/usuarios/:id`: one person's account, verification and roles; grant, revoke, disable, enable. */
export function PersonPage(props: PersonPageProps) {
  const { ctx, person } = props;
  const { t, locale } = ctx;
  const base = `/admin/usuarios/${person.id}`;
  const labels = { role: t('admin.roles.role'), entity: t('admin.roles.entity'), roles: t('admin.roles.title'), account: t('admin.account.title') };
  return (
    <Layout ctx={ctx} title={person.displayName} breadcrumbs={[...adminCrumbs(t), { href: '/admin/usuarios', label: t('admin.people.title') }, { label: person.displayName }]}>
      <h1>{person.displayName}</h1>
      <ErrorSummary t={t} errors={props.errors} labels={labels} />
      <dl class="facts">
        <dt>{t('admin.people.email')}</dt>
        <dd>{person.email}</dd>
        <dt>{t('admin.people.status')}</dt>
        <dd>{accountStatus(t, person)}</dd>
        <dt>{t('admin.people.level')}</dt>
        <dd>{levelLabel(t, person.level)}</dd>
        <dt>{t('admin.people.created')}</dt>
        <dd>{formatDate(locale, person.createdAt)}</dd>
        <dt>{t('admin.people.email_confirmed')}</dt>
        <dd>{person.emailConfirmedAt ? formatDate(locale, person.emailConfirmedAt) : t('common.no')}</dd>
      </dl>

      <h2 id="roles" tabIndex={-1}>
        {t('admin.roles.title')}
      </h2>
      {props.roles.length === 0 ? (
        <EmptyState title={t('admin.roles.none')} />
      ) : (
        <DataTable
          id="roles-table"
          caption={t('admin.roles.caption', { name: person.displayName })}
          rows={props.roles}
          columns={[
            { header: t('admin.roles.role'), rowHeader: true, cell: (r) => roleLabel(t, r.role) },
            { header: t('admin.roles.entity'), cell: (r) => entityLabel(t, r) },
            { header: t('admin.roles.granted_at'), cell: (r) => formatDate(locale, r.grantedAt) },
            {
              header: t('admin.roles.actions'),
              cell: (r) =>
                r.revocable ? (
                  <Form ctx={ctx} action={`${base}/roles/quitar`}>
                    <input type="hidden" name="role" value={r.role} />
                    <input type="hidden" name="entity" value={r.entityCode ?? ''} />
                    <Button kind="secondary">
                      {t('admin.roles.revoke')}
                      <span class="visually-hidden"> {t('admin.roles.revoke_what', { role: roleLabel(t, r.role), entity: entityLabel(t, r) })}</span>
                    </Button>
                  </Form>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      )}

      {props.grantableRoles.length > 0 && !person.deletedAt && (
        <section aria-labelledby="grant-title">
          <h2 id="grant-title">{t('admin.roles.grant_title')}</h2>
          <p>{t('admin.roles.grant_lead')}</p>
          <Form ctx={ctx} action={`${base}/roles`}>
            <SelectField
              t={t}
              name="role"
              label={t('admin.roles.role')}
              required
              errors={props.errors}
              value={props.values?.role}
              placeholder={t('admin.roles.choose_role')}
              options={props.grantableRoles.map((role) => ({ value: role, label: roleLabel(t, role) }))}
            />
            <SelectField
              t={t}
              name="entity"
              label={t('admin.roles.entity')}
              hint={t('admin.roles.entity_hint')}
              required={!props.allowEveryEntity}
              errors={props.errors}
              value={props.values?.entity}
              placeholder={props.allowEveryEntity ? t('admin.roles.every_entity_option') : t('admin.roles.choose_entity')}
              options={props.entityOptions.map((e) => ({ value: e.code, label: `${e.name} (${e.acronym})` }))}
            />
            <Button>{t('admin.roles.grant')}</Button>
          </Form>
        </section>
      )}

      {props.canManageAccount && !person.deletedAt && (
        <section aria-labelledby="account">
          <h2 id="account" tabIndex={-1}>
            {t('admin.account.title')}
          </h2>
          <p>{person.disabledAt ? t('admin.account.disabled_lead', { date: formatDate(locale, person.disabledAt, true) }) : t('admin.account.active_lead')}</p>
          <Form ctx={ctx} action={`${base}/${person.disabledAt ? 'activar' : 'desactivar'}`}>
            <Button kind={person.disabledAt ? 'primary' : 'danger'}>{person.disabledAt ? t('admin.account.enable') : t('admin.account.disable')}</Button>
          </Form>
        </section>
      )}
    </Layout>
  );
}
