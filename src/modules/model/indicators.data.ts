/**
 * "Línea de base y retos del Modelo de Gobierno Abierto en Bogotá" — the indicator table of the
 * seed document (Secretaría General). Sources: Índice de Transparencia de Bogotá, Encuesta de
 * Cultura Política, Veeduría Distrital and DANE. `null` values carry why they are missing.
 */
export type Missing = 'not_applicable' | 'no_data';
export type Value = number | Missing;

export interface IndicatorSeed {
  code: string;
  dimension: 'institutional-transparency' | 'trust-collaboration-innovation' | 'accountability-participation';
  name: string;
  unit: 'index' | 'percent';
  values: { '2016-2017': Value; '2018-2019': Value; '2022-2023': Value };
}

const SOURCE = 'Índice de Transparencia de Bogotá, Encuesta de Cultura Política, Veeduría Distrital y DANE';
export const INDICATOR_SOURCE = SOURCE;

export const INDICATORS: IndicatorSeed[] = [
  { code: 'public-information-conditions', dimension: 'institutional-transparency', name: 'Condiciones institucionales para la información pública', unit: 'index', values: { '2016-2017': 69.6, '2018-2019': 72.6, '2022-2023': 85 } },
  { code: 'paac-publication', dimension: 'institutional-transparency', name: 'Publicación y posicionamiento del PAAC', unit: 'index', values: { '2016-2017': 52.9, '2018-2019': 41.7, '2022-2023': 85 } },
  { code: 'open-data-criteria', dimension: 'institutional-transparency', name: 'Existencia de criterios para la apertura de datos', unit: 'index', values: { '2016-2017': 26.4, '2018-2019': 51.4, '2022-2023': 95 } },
  { code: 'anticorruption-conditions', dimension: 'institutional-transparency', name: 'Condiciones institucionales de medidas anticorrupción', unit: 'index', values: { '2016-2017': 'not_applicable', '2018-2019': 22.2, '2022-2023': 60 } },
  { code: 'citizen-trust', dimension: 'trust-collaboration-innovation', name: 'Índice de confianza ciudadana en instituciones distritales', unit: 'index', values: { '2016-2017': 2.61, '2018-2019': 2.6, '2022-2023': 6 } },
  { code: 'public-innovation', dimension: 'trust-collaboration-innovation', name: 'Índice de innovación pública', unit: 'index', values: { '2016-2017': 37.7, '2018-2019': 'no_data', '2022-2023': 60 } },
  { code: 'internet-procedures', dimension: 'trust-collaboration-innovation', name: 'Uso de internet para trámites con instituciones distritales', unit: 'percent', values: { '2016-2017': 'no_data', '2018-2019': 18, '2022-2023': 35 } },
  { code: 'participatory-planning', dimension: 'trust-collaboration-innovation', name: 'Procesos de planeación en cuya formulación se involucró a la ciudadanía', unit: 'index', values: { '2016-2017': 35.5, '2018-2019': 27.1, '2022-2023': 70 } },
  { code: 'accountability-disclosure', dimension: 'accountability-participation', name: 'Divulgación de información para la rendición de cuentas', unit: 'percent', values: { '2016-2017': 59, '2018-2019': 50, '2022-2023': 100 } },
  { code: 'stakeholders-consulted', dimension: 'accountability-participation', name: 'Grupos de interés consultados en rendición de cuentas', unit: 'index', values: { '2016-2017': 16.2, '2018-2019': 45.8, '2022-2023': 75 } },
  { code: 'dialogue-spaces', dimension: 'accountability-participation', name: 'Promoción de espacios de diálogo y concertación con la ciudadanía', unit: 'index', values: { '2016-2017': 56.9, '2018-2019': 54.4, '2022-2023': 75 } },
  { code: 'effective-participation', dimension: 'accountability-participation', name: 'Índice de participación efectiva de Bogotá', unit: 'index', values: { '2016-2017': 2.26, '2018-2019': 2.26, '2022-2023': 5 } },
];
