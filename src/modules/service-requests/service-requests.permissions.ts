import { ALLOW, deny, everyone, requireRole, signedIn, type PermissionRule } from '../../core/permissions/permissions.ts';

/** What the rules look at; without a resource (the matrix, a menu) a rule answers for the role alone. */
export interface RequestResource {
  /** The entity the request is routed to. */
  entityCode?: string | null;
  /** The account that filed the request, if any. */
  requesterUserId?: string | null;
}

const entityOf = (resource: RequestResource | undefined) => resource?.entityCode ?? null;

const official = requireRole<RequestResource | undefined>('entity_official', entityOf);

/** Their own requests only, when the resource says whose it is. */
const ownRequest: PermissionRule<RequestResource | undefined> = ({ actor, resource }) =>
  !resource || resource.requesterUserId === undefined || (actor && resource.requesterUserId === actor.userId) ? ALLOW : deny('not_author');

/**
 * One rule per action of the service-requests module. Anyone may file and follow a request (the
 * follow code is the credential); officials of the request's entity work it. The legal terms
 * (transfer within 5 business days, extension before the due date…) are checked by the commands,
 * which answer with their own error codes.
 */
export const serviceRequestsPermissions = {
  view: everyone,
  file: everyone,
  follow: everyone,
  'view-own': (context) => {
    const signed = signedIn(context);
    return signed.allowed ? ownRequest(context) : signed;
  },
  'file-for-citizen': requireRole('desk_clerk'),
  work: official,
  transfer: official,
  extend: official,
  'request-completion': official,
  answer: official,
} satisfies Record<string, PermissionRule<RequestResource | undefined>>;
