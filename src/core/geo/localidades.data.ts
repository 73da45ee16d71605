/**
 * Reference data for Bogotá's 20 localidades.
 *
 * `administrativeAct` and `areaM2` are copied literally from the IDECA "Localidades. Bogotá D.C."
 * dataset (Datos Abiertos Bogotá; fields `Acto administrativo de la localidad` and
 * `Area de la localidad`) so the product never has to read the 2.5 MB source at runtime. The area
 * is the dataset's planar figure in m², rounded half-up to 2 decimals and written with a dot; it is
 * kept as a string because it is a published figure to display, not a number to compute with.
 *
 * Names are the official spellings (with accents), which the dataset itself does not carry: it uses
 * upper case without accents and drops articles ("CANDELARIA", "LOS MARTIRES").
 */

/** Two-digit, zero-padded code of a localidad ("01".."20"), as used by the District. */
export type LocalidadCode =
  | '01' | '02' | '03' | '04' | '05' | '06' | '07' | '08' | '09' | '10'
  | '11' | '12' | '13' | '14' | '15' | '16' | '17' | '18' | '19' | '20';

/** One of Bogotá's 20 localidades. */
export interface Localidad {
  /** Zero-padded code, "01".."20" (the dataset's `Identificador unico de la localidad`). */
  readonly code: LocalidadCode;
  /** The same code as a number, 1..20 (how people usually say it: "la localidad 9"). */
  readonly number: number;
  /** Official name with accents, e.g. "Usaquén", "La Candelaria". */
  readonly name: string;
  /** Act that defines the localidad's current boundary according to the dataset, e.g. "Acuerdo 8 de 1977". */
  readonly administrativeAct: string;
  /** Area in m² from the dataset, dot decimal, 2 decimals, e.g. "65315721.65". */
  readonly areaM2: string;
  /** Whether the localidad includes rural land under the POT (Plan de Ordenamiento Territorial). */
  readonly hasRuralArea: boolean;
}

/** The 20 localidades, ordered by code. */
export const LOCALIDADES: readonly Localidad[] = Object.freeze(
  ([
    { code: '01', number: 1, name: 'Usaquén', administrativeAct: 'Acuerdo 8 de 1977', areaM2: '65315721.65', hasRuralArea: true },
    { code: '02', number: 2, name: 'Chapinero', administrativeAct: 'Acuerdo 8 de 1977', areaM2: '38155857.21', hasRuralArea: true },
    { code: '03', number: 3, name: 'Santa Fe', administrativeAct: 'Acuerdo 117 de 2003', areaM2: '45170645.86', hasRuralArea: true },
    { code: '04', number: 4, name: 'San Cristóbal', administrativeAct: 'Acuerdo 117 de 2003', areaM2: '49098548.53', hasRuralArea: true },
    { code: '05', number: 5, name: 'Usme', administrativeAct: 'Acuerdo 15 de 1993', areaM2: '215066686.64', hasRuralArea: true },
    { code: '06', number: 6, name: 'Tunjuelito', administrativeAct: 'Acuerdo 117 de 2003', areaM2: '9910939.74', hasRuralArea: false },
    { code: '07', number: 7, name: 'Bosa', administrativeAct: 'Acuerdo 14 de 1983', areaM2: '23933196.09', hasRuralArea: false },
    { code: '08', number: 8, name: 'Kennedy', administrativeAct: 'Acuerdo 8 de 1977', areaM2: '38589733.81', hasRuralArea: false },
    { code: '09', number: 9, name: 'Fontibón', administrativeAct: 'Acuerdo 8 de 1977', areaM2: '33281002.49', hasRuralArea: false },
    { code: '10', number: 10, name: 'Engativá', administrativeAct: 'Acuerdo 8 de 1977', areaM2: '35880967.35', hasRuralArea: false },
    { code: '11', number: 11, name: 'Suba', administrativeAct: 'Acuerdo 8 de 1977', areaM2: '100560477.72', hasRuralArea: true },
    { code: '12', number: 12, name: 'Barrios Unidos', administrativeAct: 'Acuerdo 8 de 1977', areaM2: '11903448.20', hasRuralArea: false },
    { code: '13', number: 13, name: 'Teusaquillo', administrativeAct: 'Acuerdo 8 de 1977', areaM2: '14193168.13', hasRuralArea: false },
    { code: '14', number: 14, name: 'Los Mártires', administrativeAct: 'Acuerdo 8 de 1977', areaM2: '6514046.26', hasRuralArea: false },
    { code: '15', number: 15, name: 'Antonio Nariño', administrativeAct: 'Acuerdo 117 de 2003', areaM2: '4879543.39', hasRuralArea: false },
    { code: '16', number: 16, name: 'Puente Aranda', administrativeAct: 'Acuerdo 8 de 1977', areaM2: '17311149.94', hasRuralArea: false },
    { code: '17', number: 17, name: 'La Candelaria', administrativeAct: 'Acuerdo 117 de 2003', areaM2: '2060242.92', hasRuralArea: false },
    { code: '18', number: 18, name: 'Rafael Uribe Uribe', administrativeAct: 'Acuerdo 117 de 2003', areaM2: '13834084.81', hasRuralArea: false },
    { code: '19', number: 19, name: 'Ciudad Bolívar', administrativeAct: 'Acuerdo 14 de 1983', areaM2: '130002593.08', hasRuralArea: true },
    { code: '20', number: 20, name: 'Sumapaz', administrativeAct: 'Acuerdo 9 de 1986', areaM2: '780968757.72', hasRuralArea: true },
  ] satisfies Localidad[]).map((localidad) => Object.freeze(localidad)),
);
