/**
 * The typology of "Bogotá te escucha" (Sistema Distrital para la Gestión de Peticiones Ciudadanas)
 * plus the Ley 1581 de 2012 habeas-data requests, with their legal terms in business days.
 * Seeded as reference data into service_requests_types: when the law changes a term, this table
 * (and a new release) changes, not the code. Source: docs/research/standards.md §4.4–§4.5.
 */
export interface RequestTypeSeed {
  code: string;
  termDays: number;
  /** Ley 1755 art. 14 parágrafo: up to double the term (= termDays); Ley 1581: +5 (consulta), +8 (reclamo). */
  maxExtensionDays: number;
  habeasData: boolean;
  legalBasis: string;
}

export const REQUEST_TYPES: readonly RequestTypeSeed[] = [
  { code: 'peticion_general', termDays: 15, maxExtensionDays: 15, habeasData: false, legalBasis: 'Ley 1755 de 2015, art. 14' },
  { code: 'peticion_particular', termDays: 15, maxExtensionDays: 15, habeasData: false, legalBasis: 'Ley 1755 de 2015, art. 14' },
  { code: 'queja', termDays: 15, maxExtensionDays: 15, habeasData: false, legalBasis: 'Ley 1755 de 2015, art. 14 (regla general)' },
  { code: 'reclamo', termDays: 15, maxExtensionDays: 15, habeasData: false, legalBasis: 'Ley 1755 de 2015, art. 14 (regla general)' },
  { code: 'sugerencia', termDays: 15, maxExtensionDays: 15, habeasData: false, legalBasis: 'Ley 1755 de 2015, art. 14 (regla general)' },
  { code: 'felicitacion', termDays: 15, maxExtensionDays: 15, habeasData: false, legalBasis: 'Ley 1755 de 2015, art. 14 (regla general)' },
  { code: 'consulta', termDays: 30, maxExtensionDays: 30, habeasData: false, legalBasis: 'Ley 1755 de 2015, art. 14 num. 2' },
  { code: 'acceso_informacion', termDays: 10, maxExtensionDays: 10, habeasData: false, legalBasis: 'Ley 1755 de 2015, art. 14 num. 1; Ley 1712 de 2014, art. 26' },
  { code: 'copia', termDays: 10, maxExtensionDays: 10, habeasData: false, legalBasis: 'Ley 1755 de 2015, art. 14 num. 1' },
  { code: 'denuncia_corrupcion', termDays: 15, maxExtensionDays: 15, habeasData: false, legalBasis: 'Ley 1755 de 2015, art. 14 (regla general)' },
  { code: 'habeas_consulta', termDays: 10, maxExtensionDays: 5, habeasData: true, legalBasis: 'Ley 1581 de 2012, art. 14' },
  { code: 'habeas_reclamo', termDays: 15, maxExtensionDays: 8, habeasData: true, legalBasis: 'Ley 1581 de 2012, art. 15' },
];

export const REQUEST_TYPE_CODES = REQUEST_TYPES.map((t) => t.code);

/** Filed without choosing an entity: the Secretaría General (which runs Bogotá te escucha) routes it. */
export const ROUTING_ENTITY = 'sg';

/** A request to complete may be made within this many business days of filing (Ley 1755 art. 17). */
export const COMPLETION_REQUEST_DAYS = 10;
/** A transfer for lack of competence within this many business days of filing (Ley 1755 art. 21). */
export const TRANSFER_DAYS = 5;
