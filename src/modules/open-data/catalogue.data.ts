/**
 * Fixed vocabularies of the catalogue: licences (CKAN license ids as in its default licence list),
 * update frequencies (EU frequency authority codes, which DCAT-AP asks for), thematic groups (the
 * Bogotá portal's "Categoría temática", each mapped to an EU data theme) and the portal's extra
 * fields ("Información adicional", standards.md §1.4).
 */
export interface Licence {
  id: string;
  title: string;
  url: string;
  isOpen: boolean;
}

export const LICENCES: readonly Licence[] = [
  { id: 'cc-by-4.0', title: 'Creative Commons Attribution 4.0', url: 'https://creativecommons.org/licenses/by/4.0/', isOpen: true },
  { id: 'cc-by-sa-4.0', title: 'Creative Commons Attribution Share-Alike 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/', isOpen: true },
  { id: 'cc-zero', title: 'Creative Commons CCZero', url: 'https://creativecommons.org/publicdomain/zero/1.0/', isOpen: true },
  { id: 'odc-by', title: 'Open Data Commons Attribution License', url: 'https://opendatacommons.org/licenses/by/1-0/', isOpen: true },
  { id: 'odc-odbl', title: 'Open Data Commons Open Database License (ODbL)', url: 'https://opendatacommons.org/licenses/odbl/1-0/', isOpen: true },
];
export const licenceOf = (id: string): Licence => LICENCES.find((l) => l.id === id) ?? { id, title: id, url: '', isOpen: false };

/** EU frequency authority codes (http://publications.europa.eu/resource/authority/frequency/<code>). */
export const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'BIANNUAL', 'ANNUAL', 'IRREG', 'CONT', 'NEVER'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
/** ISO 8601 durations for data.json's accrualPeriodicity. */
export const FREQUENCY_ISO: Record<Frequency, string> = {
  DAILY: 'R/P1D',
  WEEKLY: 'R/P1W',
  MONTHLY: 'R/P1M',
  QUARTERLY: 'R/P3M',
  BIANNUAL: 'R/P6M',
  ANNUAL: 'R/P1Y',
  IRREG: 'irregular',
  CONT: 'R/PT1S',
  NEVER: 'irregular',
};

export interface GroupSeed {
  name: string;
  title: string;
  description: string;
  euTheme: string;
}

export const GROUPS: readonly GroupSeed[] = [
  { name: 'gobierno-y-participacion', title: 'Gobierno y participación ciudadana', description: 'Gestión pública, participación, transparencia y atención a la ciudadanía.', euTheme: 'GOVE' },
  { name: 'movilidad', title: 'Movilidad', description: 'Transporte, vías y seguridad vial.', euTheme: 'TRAN' },
  { name: 'salud', title: 'Salud', description: 'Salud pública y servicios de salud.', euTheme: 'HEAL' },
  { name: 'educacion', title: 'Educación', description: 'Colegios, matrícula y resultados educativos.', euTheme: 'EDUC' },
  { name: 'ambiente', title: 'Ambiente', description: 'Calidad del aire, agua, arbolado y residuos.', euTheme: 'ENVI' },
  { name: 'economia-y-hacienda', title: 'Economía y hacienda', description: 'Presupuesto, impuestos, contratación y desarrollo económico.', euTheme: 'ECON' },
  { name: 'seguridad-y-justicia', title: 'Seguridad y justicia', description: 'Convivencia, seguridad y acceso a la justicia.', euTheme: 'JUST' },
  { name: 'poblacion-y-sociedad', title: 'Población y sociedad', description: 'Demografía, integración social, cultura y deporte.', euTheme: 'SOCI' },
  { name: 'territorio', title: 'Territorio y ordenamiento', description: 'Planeación, hábitat, catastro y localidades.', euTheme: 'REGI' },
];

/** The Bogotá portal's extra fields kept with each dataset (CKAN `extras`). */
export const EXTRA_FIELDS = [
  'Tipo de fecha del dato',
  'Fecha del dato',
  'Forma de presentación',
  'Tipo de representación espacial',
  'Resolución espacial',
  'Tipo de Sistema de Referencia',
  'Idioma',
  'Enlaces a otros recursos',
  'Alcance de la calidad de los datos',
  'Reporte de la calidad',
  'Distribuidor',
  'Alcance del metadato',
  'Tipo de Responsable del metadato',
  'Responsable del Metadato',
] as const;

export const RESOURCE_FORMATS = ['CSV', 'JSON', 'GEOJSON', 'XLSX', 'PDF', 'HTML', 'ZIP', 'XML', 'API'] as const;
export const MIME_TYPES: Record<string, string> = {
  CSV: 'text/csv',
  JSON: 'application/json',
  GEOJSON: 'application/geo+json',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  PDF: 'application/pdf',
  HTML: 'text/html',
  ZIP: 'application/zip',
  XML: 'application/xml',
};
/** Formats the datastore imports when uploaded. */
export const DATASTORE_FORMATS = new Set(['CSV', 'XLSX']);

/** The whole-district bounding box used by the Bogotá portal. */
export const DISTRICT_BBOX = { west: -74.450724, south: 3.730672, east: -73.989018, north: 4.836829 };

/** Entity that publishes the platform's own data. */
export const PLATFORM_ENTITY = 'sg';
export const PLATFORM_PUBLISHER = 'Alcaldía Mayor de Bogotá D.C.';
