import { ageOn } from '../../core/permissions/permissions.ts';
import type { AgeBand } from './consultations.schema.ts';

/** The age bands of Bogotá's differential approach: adolescents, youth (Ley 1622: up to 28), adults, older people. */
export function ageBandOf(birthDate: string | null | undefined, on: Date): AgeBand | null {
  if (!birthDate) return null;
  const age = ageOn(birthDate, on);
  if (age < 14) return null;
  if (age < 18) return '14-17';
  if (age <= 28) return '18-28';
  if (age <= 59) return '29-59';
  return '60+';
}

/** Coarse categories stored with a response (see SECRECY.md for why these and no others). */
export interface ResponseCategories {
  ageBand: AgeBand | null;
  localidadCode: string | null;
  gender: string | null;
}

/** Breakdown dimensions: the first three are stored on responses, the others joined for public consultations. */
export const STORED_DIMENSIONS = ['age_band', 'localidad', 'gender'] as const;
export const PROFILE_DIMENSIONS = ['ethnic_group', 'disability', 'conflict_victim'] as const;
export type Dimension = (typeof STORED_DIMENSIONS)[number] | (typeof PROFILE_DIMENSIONS)[number];
export const DIMENSIONS: readonly Dimension[] = [...STORED_DIMENSIONS, ...PROFILE_DIMENSIONS];

/** Every category of a dimension, in display order ('unknown' gathers missing and erased ones). */
export const CATEGORIES: Record<Dimension, readonly string[]> = {
  age_band: ['14-17', '18-28', '29-59', '60+', 'unknown'],
  localidad: [...Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0')), 'unknown'],
  gender: ['female', 'male', 'non_binary', 'other', 'prefer_not_to_say', 'unknown'],
  ethnic_group: ['none', 'indigenous', 'afro', 'raizal', 'palenquero', 'rrom', 'prefer_not_to_say', 'unknown'],
  disability: ['none', 'physical', 'sensory', 'intellectual', 'psychosocial', 'multiple', 'prefer_not_to_say', 'unknown'],
  conflict_victim: ['yes', 'no', 'prefer_not_to_say', 'unknown'],
};
