/**
 * admin — the back office (`/admin`): people and their roles (platform administrators everywhere,
 * entity administrators for their own entity), account disabling, module settings and what each
 * action requires of people, and the audit log. Owns no tables: it edits core_user_roles,
 * core_users.disabled_at, core_settings (`module.<name>.<key>`) and core_action_requirements, and
 * reads core_audit_log. Not in the main navigation: staff reach it at /admin.
 */
import { defineModule } from '../../core/modules/module.ts';
import en from './locales/en.json' with { type: 'json' };
import es from './locales/es.json' with { type: 'json' };
import { adminPermissions } from './admin.permissions.ts';
import { adminRoutes } from './admin.routes.tsx';
import type { BoundedSetting } from './admin.settings.ts';

const settings = {
  users_page_size: { type: 'integer', default: 25, min: 5, max: 200, descriptionKey: 'admin.setting.users_page_size' },
  audit_page_size: { type: 'integer', default: 50, min: 10, max: 500, descriptionKey: 'admin.setting.audit_page_size' },
  audit_expand_changes: { type: 'boolean', default: true, descriptionKey: 'admin.setting.audit_expand_changes' },
  notice: { type: 'string', default: '', maxLength: 300, descriptionKey: 'admin.setting.notice' },
} satisfies Record<string, BoundedSetting>;

export default defineModule({
  name: 'admin',
  pillar: 'core',
  titleKey: 'admin.title',
  descriptionKey: 'admin.description',
  actions: ['view-back-office', 'manage-users', 'manage-roles', 'manage-settings', 'view-audit-log'] as const,
  permissions: adminPermissions,
  settings,
  locales: { es, en },
  routes: adminRoutes,
  pages: [],
});
