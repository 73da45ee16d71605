import { everyone, requireRole, signedIn, type PermissionRule } from '../../core/permissions/permissions.ts';

/** What the rules look at: the entity that owns the dataset or is asked for data. */
export interface OpenDataResource {
  entityCode?: string | null;
}

const entityOf = (resource: OpenDataResource | undefined) => resource?.entityCode ?? null;

/** One rule per action of the open-data module (see its manifest). */
export const openDataPermissions = {
  view: everyone,
  // Officials publish their own entity's data; platform admins any entity's.
  'manage-datasets': requireRole('entity_official', entityOf),
  'request-dataset': signedIn,
  'vote-request': signedIn,
  'answer-request': requireRole('entity_official', entityOf),
  'publish-reuse': signedIn,
  comment: signedIn,
  moderate: requireRole('moderator'),
} satisfies Record<string, PermissionRule>;
