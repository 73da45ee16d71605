import { ALLOW, deny, everyone, hasRole, type PermissionRule } from '../../core/permissions/permissions.ts';

/**
 * What the rules look at. Without a resource (the permission matrix, a menu deciding whether to
 * show a link) a rule answers for the role alone.
 */
export interface ServicePointsResource {
  /** Entities present at the centre being managed. */
  entityCodes?: readonly string[];
  /** Entity responsible for the catalogue entry being edited. */
  entityCode?: string | null;
}

/**
 * Officials (`entity_official`) of one of the given entities, or platform administrators. A centre
 * hosts several entities, so any of their officials may manage it; an official of an entity that
 * is not there is told `wrong_entity`.
 */
function officialOf(entitiesOf: (resource: ServicePointsResource | undefined) => readonly string[] | null): PermissionRule<ServicePointsResource | undefined> {
  return ({ actor, resource }) => {
    if (!actor) return deny('not_signed_in');
    const entities = entitiesOf(resource);
    if (entities === null) return hasRole(actor, 'entity_official') ? ALLOW : deny('missing_role');
    if (entities.some((code) => hasRole(actor, 'entity_official', code))) return ALLOW;
    return hasRole(actor, 'entity_official') ? deny('wrong_entity') : deny('missing_role');
  };
}

/** One rule per action of the service-points module (see its manifest). */
export const servicePointsPermissions = {
  view: everyone,
  // Anyone may ask for a turn (the code is shown on screen); signed-in people also get it by e-mail.
  book: everyone,
  // Holding the booking code is what entitles someone to change the booking.
  'manage-booking': everyone,
  'manage-centre': officialOf((resource) => resource?.entityCodes ?? null),
  'manage-catalogue': officialOf((resource) => (resource?.entityCode ? [resource.entityCode] : null)),
} satisfies Record<string, PermissionRule>;
