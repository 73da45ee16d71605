import { ALLOW, allOf, deny, everyone, requireRole, signedIn, type PermissionRule } from '../../core/permissions/permissions.ts';
import type { CauseState } from './states.ts';

/**
 * What the rules look at. Every field is optional: without a resource (the permission matrix, a
 * menu) a rule answers for the person's role alone.
 */
export interface CauseResource {
  /** The effective state (expiry computed on read). */
  state?: CauseState;
  /** The author, as a list like other modules' resources. */
  authorIds?: readonly string[];
  /** The entity that owes the answer. */
  entityCode?: string | null;
  supportsCount?: number;
  /** Supports are closed because the deadline passed (the state may still be threshold_reached). */
  deadlinePassed?: boolean;
}

type Rule = PermissionRule<CauseResource | undefined>;

const notHidden: Rule = ({ resource }) => (resource?.state === 'hidden' ? deny('hidden') : ALLOW);

const inStates =
  (...states: CauseState[]): Rule =>
  ({ resource }) =>
    !resource?.state || states.includes(resource.state) ? ALLOW : deny(resource.state === 'hidden' ? 'hidden' : 'phase_closed');

const isAuthor: Rule = ({ actor, resource }) => (!resource?.authorIds || (actor && resource.authorIds.includes(actor.userId)) ? ALLOW : deny('not_author'));

/** Editing ends with the first support: supporters must find what they supported. */
const noSupportsYet: Rule = ({ resource }) => (!resource?.supportsCount ? ALLOW : deny('phase_closed'));

const beforeDeadline: Rule = ({ resource }) => (resource?.deadlinePassed ? deny('phase_closed') : ALLOW);

const entityOf = (resource: CauseResource | undefined) => resource?.entityCode ?? null;

/** One rule per action of the causes module (see its manifest). */
export const causesPermissions = {
  view: everyone,
  create: signedIn,
  edit: allOf(signedIn, isAuthor, inStates('draft', 'published'), noSupportsYet),
  withdraw: allOf(signedIn, isAuthor, inStates('draft', 'published')),
  'post-update': allOf(signedIn, isAuthor, inStates('published', 'threshold_reached', 'in_response', 'answered', 'expired')),
  // Also withdrawing one's support, under the same conditions.
  support: allOf(signedIn, inStates('published', 'threshold_reached'), beforeDeadline),
  assist: requireRole('desk_clerk'),
  follow: allOf(signedIn, notHidden),
  comment: allOf(signedIn, inStates('published', 'threshold_reached', 'in_response', 'answered', 'expired')),
  report: allOf(signedIn, notHidden),
  moderate: requireRole('moderator'),
  // Acknowledge, answer and link forward: officials of the entity that owes the answer.
  respond: allOf(requireRole('entity_official', entityOf), inStates('threshold_reached', 'in_response', 'answered')),
} satisfies Record<string, PermissionRule>;
