import { ALLOW, deny, meetsRequirement, type Actor, type Decision } from '../../core/permissions/permissions.ts';

/** Who may answer one consultation, as its official set it. */
export interface Eligibility {
  minLevel: 'identity' | 'residence';
  minAge: number;
  /** Localidad codes; empty means the whole city. */
  localidades: readonly string[];
}

/**
 * Checks a consultation's own eligibility with the core semantics (`meetsRequirement`): consent,
 * verified identity, minimum age (14–17 with guardian consent), then residence. Restricting to
 * localidades implies verified residence in one of them.
 */
export function checkEligibility(actor: Actor | null, eligibility: Eligibility, now: Date): Decision {
  const restricted = eligibility.localidades.length > 0;
  const requirement = { minLevel: restricted ? ('residence' as const) : eligibility.minLevel, minAge: eligibility.minAge };
  const decision = meetsRequirement(actor, requirement, now, eligibility.localidades.length === 1 ? eligibility.localidades[0] : null);
  if (!decision.allowed) return decision;
  if (restricted && !eligibility.localidades.includes(actor?.residenceLocalidad ?? '')) return deny('wrong_localidad');
  return ALLOW;
}
