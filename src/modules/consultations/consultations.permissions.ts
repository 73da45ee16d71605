import { ALLOW, allOf, deny, everyone, requireRole, signedIn, type PermissionRule } from '../../core/permissions/permissions.ts';
import { checkEligibility, type Eligibility } from './eligibility.ts';
import { isEditable, type ConsultationState } from './state.ts';

/**
 * What the rules look at. Every field is optional: without a resource (the permission matrix, a
 * menu deciding whether to show a link) a rule answers for the role alone.
 */
export interface ConsultationResource {
  state?: ConsultationState;
  /** The district entity running the consultation; its officials (and moderators) act on it. */
  entityCode?: string | null;
  secret?: boolean;
  eligibility?: Eligibility;
  /** How the person already took part, if they did. */
  answeredBy?: 'online' | 'assisted' | 'paper' | null;
  allowEdit?: boolean;
}

type Rule = PermissionRule<ConsultationResource | undefined>;

const entityOf = (resource: ConsultationResource | undefined) => resource?.entityCode ?? null;

const open: Rule = ({ resource }) => (!resource?.state || resource.state === 'open' ? ALLOW : deny('phase_closed'));

const notYetOpen: Rule = ({ resource }) => (!resource?.state || isEditable(resource.state) ? ALLOW : deny('phase_closed'));

const eligible: Rule = ({ actor, resource, now }) => (resource?.eligibility ? checkEligibility(actor, resource.eligibility, now) : ALLOW);

// A paper response is never replaced online: the official's import is the record of that person.
const notAnsweredYet: Rule = ({ resource }) =>
  !resource?.answeredBy || (resource.allowEdit && resource.answeredBy !== 'paper') ? ALLOW : deny('already_done');

// Before closing, a secret consultation's responses would be partial results.
const secretOnlyClosed: Rule = ({ resource }) => (!resource?.secret || !resource.state || resource.state === 'closed' ? ALLOW : deny('phase_closed'));

/** One rule per action of the consultations module (see its manifest). */
export const consultationsPermissions = {
  view: everyone,
  // The order is the order a person can fix things: sign in, wait for the window, become eligible.
  answer: allOf(signedIn, open, eligible, notAnsweredYet),
  'answer-for-citizen': requireRole('desk_clerk'),
  manage: requireRole('entity_official', entityOf),
  edit: allOf(requireRole('entity_official', entityOf), notYetOpen),
  'import-paper': allOf(requireRole('entity_official', entityOf), open),
  'export-responses': allOf(requireRole('entity_official', entityOf), secretOnlyClosed),
  moderate: allOf(requireRole('moderator', entityOf), secretOnlyClosed),
} satisfies Record<string, PermissionRule>;

