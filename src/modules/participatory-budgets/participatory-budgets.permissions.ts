import { ALLOW, allOf, deny, everyone, requireRole, signedIn, type PermissionRule } from '../../core/permissions/permissions.ts';
import { canAssessIn, type Phase } from './phases.ts';

/**
 * What the rules look at. Every field is optional: without a resource (the permission matrix, a
 * menu deciding whether to show a link) a rule answers for the role alone.
 */
export interface BudgetResource {
  phase?: Phase;
  /** Entity that owns the localidad's process: its alcaldía local (`alcaldia-local-NN`). */
  entityCode?: string | null;
  /** Authors and co-authors of a proposal. */
  authorIds?: readonly string[];
}

const inPhase =
  (...phases: Phase[]): PermissionRule<BudgetResource | undefined> =>
  ({ resource }) =>
    !resource?.phase || phases.includes(resource.phase) ? ALLOW : deny('phase_closed');

const isAuthor: PermissionRule<BudgetResource | undefined> = ({ actor, resource }) =>
  !resource?.authorIds || (actor && resource.authorIds.includes(actor.userId)) ? ALLOW : deny('not_author');

const assessable: PermissionRule<BudgetResource | undefined> = ({ resource }) => (!resource?.phase || canAssessIn(resource.phase) ? ALLOW : deny('phase_closed'));

const entityOf = (resource: BudgetResource | undefined) => resource?.entityCode ?? null;

/** One rule per action of the participatory-budgets module (see its manifest). */
export const participatoryBudgetsPermissions = {
  view: everyone,
  propose: allOf(signedIn, inPhase('proposals')),
  'edit-proposal': allOf(signedIn, isAuthor, inPhase('proposals')),
  support: allOf(signedIn, inPhase('proposals')),
  follow: signedIn,
  comment: signedIn,
  vote: allOf(signedIn, inPhase('voting')),
  assess: allOf(requireRole('valuator', entityOf), assessable),
  moderate: requireRole('moderator'),
  'enter-paper-ballots': allOf(requireRole('entity_official', entityOf), inPhase('voting', 'counting')),
  'update-execution': allOf(requireRole('entity_official', entityOf), inPhase('results', 'execution')),
  'manage-editions': requireRole('platform_admin'),
} satisfies Record<string, PermissionRule>;
