/**
 * accounts — "Registro y autenticación": registration, sign-in, e-mail confirmation, password
 * reset, my account and sessions, personal data (Ley 1581), identity and residence verification
 * (registry extract, OpenID Connect, service desk), guardian consent, assisted participation and
 * API tokens. Tables: core_users, core_profiles, core_consents, core_user_tokens, core_identities,
 * core_residences, core_registry_records, core_guardian_consents, core_api_tokens,
 * core_assisted_sessions (in core, because permissions everywhere read them).
 */
import { defineModule } from '../../core/modules/module.ts';
import { accountsPermissions } from './accounts.permissions.ts';
import { accountsRoutes } from './accounts.routes.ts';
import { ACCOUNTS_LOCALES } from './locales/index.ts';

export default defineModule({
  name: 'accounts',
  pillar: 'core',
  titleKey: 'accounts.title',
  descriptionKey: 'accounts.description',
  actions: ['register', 'manage-account', 'verify-identity', 'verify-at-desk', 'record-guardian-consent', 'assist-citizen', 'import-registry', 'manage-api-tokens'] as const,
  permissions: accountsPermissions,
  requirements: {
    'manage-account': { minLevel: 'registered', minAge: null },
    'verify-identity': { minLevel: 'registered', minAge: null },
    'manage-api-tokens': { minLevel: 'registered', minAge: null },
  },
  locales: ACCOUNTS_LOCALES,
  routes: accountsRoutes,
  pages: [
    { path: '/registro', titleKey: 'accounts.registration.title' },
    { path: '/ingresar', titleKey: 'accounts.signin.title' },
    { path: '/recuperar-clave', titleKey: 'accounts.forgot.title' },
  ],
});
