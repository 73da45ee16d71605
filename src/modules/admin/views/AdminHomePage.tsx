import { EmptyState } from '../../../core/views/components/content.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { Role } from '../../../core/permissions/permissions.ts';
import { roleLabel } from './labels.ts';

export interface BackOfficeSection {
  href: string;
  titleKey: string;
  descriptionKey: string;
}

/** `/admin`: the back-office sections this person may open, their roles and what those roles let them do. */
export function AdminHomePage(props: {
  ctx: ViewContext;
  sections: BackOfficeSection[];
  roles: { role: Role; entityLabel: string }[];
  staffActions: string[];
  notice: string;
}) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('admin.title')} breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: t('admin.title') }]}>
      <h1>{t('admin.title')}</h1>
      <p class="lead">{t('admin.home.lead')}</p>
      {props.notice && (
        <div class="flash flash-info">
          <p>
            <strong>{t('admin.home.notice')}:</strong> {props.notice}
          </p>
        </div>
      )}
      <h2>{t('admin.home.sections')}</h2>
      {props.sections.length > 0 ? (
        <ul class="cards">
          {props.sections.map((s) => (
            <li class="card">
              <h3>
                <a href={s.href}>{t(s.titleKey)}</a>
              </h3>
              <p>{t(s.descriptionKey)}</p>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title={t('admin.home.no_sections')}>
          <p>{t('admin.home.no_sections_hint')}</p>
        </EmptyState>
      )}
      <h2>{t('admin.home.your_roles')}</h2>
      <ul>
        {props.roles.map((r) => (
          <li>
            {roleLabel(t, r.role)} — {r.entityLabel}
          </li>
        ))}
      </ul>
      <h2>{t('admin.home.staff_actions')}</h2>
      <p>{t('admin.home.staff_actions_lead')}</p>
      {props.staffActions.length > 0 ? (
        <ul>
          {props.staffActions.map((label) => (
            <li>{label}</li>
          ))}
        </ul>
      ) : (
        <p>{t('admin.home.no_staff_actions')}</p>
      )}
    </Layout>
  );
}
