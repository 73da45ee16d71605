import { ALLOW, deny, requireRole, signedIn, type PermissionRule } from '../../core/permissions/permissions.ts';

/** Registration is for visitors who are not signed in. */
const notSignedIn: PermissionRule = ({ actor }) => (actor ? deny('already_done') : ALLOW);

/** One rule per action of the accounts module (see accounts.manifest.ts). */
export const accountsPermissions = {
  register: notSignedIn,
  'manage-account': signedIn,
  'verify-identity': signedIn,
  'verify-at-desk': requireRole('desk_clerk'),
  'record-guardian-consent': requireRole('desk_clerk'),
  'assist-citizen': requireRole('desk_clerk'),
  'import-registry': requireRole('platform_admin'),
  'manage-api-tokens': signedIn,
} satisfies Record<string, PermissionRule>;

