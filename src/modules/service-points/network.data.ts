/**
 * Reference data of the Red CADE, as far as public sources document it (see
 * docs/research/gab-domain.md §1.7 and the URLs beside each value). Rules followed here:
 *
 * - Nothing is invented. A value no source gives is null: most coordinates, several addresses.
 *   Officials complete them in the back office (`/admin/puntos-de-atencion`).
 * - (GK) marks general knowledge not checked against a source, (assumption) a default chosen here.
 * - Network size for scale: 7 SuperCADE, 18 CADE, 32 RapiCADE and the SuperCADE Móvil in 2018
 *   (radiosantafe, 31 Jul 2018); 23 points and 47 entities in 2024/25. Only the points named in a
 *   source are seeded; no RapiCADE is named in any source found, so none is seeded.
 */
import type { AccessibilityFeature, Channel, CentreKind, CostKind } from './service-points.schema.ts';

export interface WeeklyHoursSeed {
  /** ISO weekdays 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  opens: string;
  closes: string;
}

export interface CentreSeed {
  slug: string;
  kind: CentreKind;
  name: string;
  address: string | null;
  localidadCode: string | null;
  /** [longitude, latitude]; null when no public source gives them. */
  coordinates: [number, number] | null;
  description: string;
  entities: string[];
  hours: WeeklyHoursSeed[];
  accessibility: AccessibilityFeature[];
  sourceUrl: string;
}

// Hours in 2021 (El Tiempo, https://www.eltiempo.com/bogota/suspenden-atencion-en-supercade-tras-desmanes-en-portal-americas-585623):
// CADE Monday–Friday 7:00–16:00; SuperCADE Monday–Friday 7:00–17:30 and Saturday 8:00–12:00.
const SUPERCADE_HOURS: WeeklyHoursSeed[] = [
  { weekdays: [1, 2, 3, 4, 5], opens: '07:00', closes: '17:30' },
  { weekdays: [6], opens: '08:00', closes: '12:00' },
];
const CADE_HOURS: WeeklyHoursSeed[] = [{ weekdays: [1, 2, 3, 4, 5], opens: '07:00', closes: '16:00' }];

// Preferential attention (older people, people with disabilities, pregnant women, children) is a
// legal duty of every public service point in Colombia (GK: Decreto Ley 019 de 2012, art. 13), so
// it is recorded everywhere; other features are not documented per point and are left for
// officials to report.
const LEGAL_MINIMUM: AccessibilityFeature[] = ['preferential_attention'];

// The Secretaría General runs the Red CADE (gab-domain.md §1.7), so it is present at every point.
// Hacienda serves in "todos los SuperCADES" (Blu Radio, Dec 2025,
// https://www.bluradio.com/regiones/bogota/horarios-de-atencion-en-supercades-de-bogota-para-el-24-y-31-de-diciembre-de-2025-so35).
const SUPERCADE_ENTITIES = ['sg', 'sdh'];

export const CENTRES: CentreSeed[] = [
  {
    slug: 'supercade-cad',
    kind: 'supercade',
    name: 'SuperCADE CAD',
    // "al lado del SuperCADE de la Carrera 30 (avenida NQS)" (La FM, 2019); house number not in the source.
    address: 'Avenida Carrera 30 (NQS), Centro Administrativo Distrital',
    localidadCode: '13', // (GK) Teusaquillo.
    coordinates: null, // Not documented.
    description: 'Uno de los tres SuperCADE con más atenciones de la red (con Américas y Suba concentraron el 48,6 % de la operación en el primer semestre de 2018).',
    entities: SUPERCADE_ENTITIES,
    hours: SUPERCADE_HOURS,
    accessibility: LEGAL_MINIMUM,
    sourceUrl: 'https://www.lafm.com.co/bogota/todo-listo-para-la-licitacion-del-nuevo-cad',
  },
  {
    slug: 'supercade-americas',
    kind: 'supercade',
    name: 'SuperCADE Américas',
    // Next to the Portal de las Américas (El Tiempo, May 2021); street address not in the source.
    address: 'Junto al Portal de las Américas de TransMilenio',
    localidadCode: '08', // Kennedy: the Portal de las Américas point falls in localidad 08 (standards.md §6.3).
    // Approximate: the Portal de las Américas station (standards.md §6.3), beside which the SuperCADE stands.
    coordinates: [-74.1733, 4.6294],
    description: 'Estuvo cerrado desde el 3 de mayo de 2021 por daños durante disturbios, hasta terminar su reparación.',
    entities: SUPERCADE_ENTITIES,
    hours: SUPERCADE_HOURS,
    accessibility: LEGAL_MINIMUM,
    sourceUrl: 'https://www.eltiempo.com/bogota/suspenden-atencion-en-supercade-tras-desmanes-en-portal-americas-585623',
  },
  {
    slug: 'supercade-suba',
    kind: 'supercade',
    name: 'SuperCADE Suba',
    address: null, // Not documented.
    localidadCode: '11', // (GK) Suba.
    coordinates: null, // Not documented.
    description: 'Uno de los puntos que atendió trámites de Hacienda el 31 de diciembre de 2025.',
    entities: SUPERCADE_ENTITIES,
    hours: SUPERCADE_HOURS,
    accessibility: LEGAL_MINIMUM,
    sourceUrl: 'https://radiosantafe.com/2018/07/31/redcade-presto-cerca-de-25-millones-de-servicios-durante-el-primer-semestre-de-2018',
  },
  {
    slug: 'supercade-20-de-julio',
    kind: 'supercade',
    name: 'SuperCADE 20 de Julio',
    // "junto al Portal 20 de Julio" (El Espectador, 17 Dec 2025); street address not in the source.
    address: 'Junto al Portal 20 de Julio de TransMilenio',
    localidadCode: '04', // San Cristóbal (El Espectador, 17 Dec 2025).
    coordinates: null, // Not documented.
    description: 'Desde el 16 de diciembre de 2025 alberga la Manzana del Cuidado número 27 («CADE con Vocación»), con rutas para personas mayores, personas con discapacidad y mujeres.',
    // Secretaría General, 25 Sep 2025: Ambiente, Comisarías de Familia (SDIS, GK), Manzana del Cuidado
    // (Mujer), Capital Salud and police inspection (Gobierno, GK) in this point and CADE La Victoria.
    entities: [...SUPERCADE_ENTITIES, 'sda', 'sdis', 'sdmujer', 'capital-salud', 'sdg'],
    hours: SUPERCADE_HOURS,
    accessibility: LEGAL_MINIMUM,
    sourceUrl: 'https://www.elespectador.com/bogota/nueva-manzana-del-cuidado-abrio-en-el-20-de-julio/',
  },
  {
    slug: 'supercade-manitas',
    kind: 'supercade',
    name: 'SuperCADE Manitas',
    // "a los pies de la estación Manitas" of the TransMiCable (radiosantafe, Oct 2018).
    address: 'Junto a la estación Manitas del TransMiCable',
    localidadCode: '19', // Ciudad Bolívar (radiosantafe, Oct 2018).
    coordinates: null, // Not documented.
    description: 'Inaugurado en 2020 junto al TransMiCable; el octavo SuperCADE de la red y ancla de una Manzana del Cuidado.',
    entities: [...SUPERCADE_ENTITIES, 'sdmujer'],
    hours: SUPERCADE_HOURS, // (assumption) the 2021 SuperCADE hours.
    accessibility: LEGAL_MINIMUM,
    sourceUrl: 'https://radiosantafe.com/2018/10/11/inicio-la-construccion-del-supercade-manitas-en-ciudad-bolivar',
  },
  {
    slug: 'supercade-engativa',
    kind: 'supercade',
    name: 'SuperCADE Engativá',
    address: null, // Not documented.
    localidadCode: '10', // (GK) Engativá; opened in December 2017 (radiosantafe, Jul 2018).
    coordinates: null, // Not documented.
    description: 'Abrió en diciembre de 2017 para cerca de 900.000 habitantes.',
    entities: SUPERCADE_ENTITIES,
    hours: SUPERCADE_HOURS,
    accessibility: LEGAL_MINIMUM,
    sourceUrl: 'https://radiosantafe.com/2018/07/31/redcade-presto-cerca-de-25-millones-de-servicios-durante-el-primer-semestre-de-2018',
  },
  {
    slug: 'supercade-movilidad',
    kind: 'supercade',
    name: 'SuperCADE de Movilidad',
    address: 'Calle 13 No. 37-35', // radiosantafe, Oct 2019.
    localidadCode: '16', // (GK) Puente Aranda.
    coordinates: null, // Not documented.
    description: 'Punto especializado en trámites de movilidad.',
    entities: ['sg', 'sdm'],
    hours: SUPERCADE_HOURS, // (assumption) the 2021 SuperCADE hours.
    accessibility: LEGAL_MINIMUM,
    sourceUrl: 'http://www.radiosantafe.com/2019/10/31/cade-fontibon-sera-el-unico-punto-de-atencion-exclusivo-para-motociclistas-en-bogota/',
  },
  {
    slug: 'cade-fontibon',
    kind: 'cade',
    name: 'CADE Fontibón',
    address: 'Diagonal 16 No. 104-51, Centro Comercial Viva Fontibón', // radiosantafe, Oct 2019.
    localidadCode: '09',
    coordinates: null, // Not documented.
    description: 'Desde noviembre de 2019, punto de atención en movilidad para motociclistas, con cita previa.',
    entities: ['sg', 'sdm'],
    hours: CADE_HOURS, // Monday–Friday 7:00–16:00 (radiosantafe, Oct 2019).
    accessibility: LEGAL_MINIMUM,
    sourceUrl: 'http://www.radiosantafe.com/2019/10/31/cade-fontibon-sera-el-unico-punto-de-atencion-exclusivo-para-motociclistas-en-bogota/',
  },
  {
    slug: 'cade-la-victoria',
    kind: 'cade',
    name: 'CADE La Victoria',
    address: null, // Not documented.
    localidadCode: '04', // San Cristóbal (Secretaría General, 25 Sep 2025).
    coordinates: null, // Not documented.
    description: 'Con el SuperCADE 20 de Julio, ofrece la vocación de servicio «Vínculos Sanos y Territorio Incluyente».',
    entities: ['sg', 'sda', 'sdis', 'sdmujer', 'capital-salud', 'sdg'],
    hours: CADE_HOURS,
    accessibility: LEGAL_MINIMUM,
    sourceUrl: 'https://secretariageneral.gov.co/noticias/bogota-activa-rutas-de-servicio-para-personas-mayores-con-discapacidad-y-mujeres-en-san-cristobal',
  },
  {
    slug: 'supercade-movil',
    kind: 'movil',
    name: 'SuperCADE Móvil',
    address: null, // It moves: each visit has its own place.
    localidadCode: null,
    coordinates: null,
    description: 'Recorre las localidades según un calendario de visitas publicado por la Secretaría General.',
    entities: ['sg'],
    hours: [], // Opening days are its dated visits.
    accessibility: LEGAL_MINIMUM,
    sourceUrl: 'https://radiosantafe.com/2018/07/31/redcade-presto-cerca-de-25-millones-de-servicios-durante-el-primer-semestre-de-2018',
  },
];

export interface ClosureSeed {
  day: string;
  kinds: CentreKind[];
  opens: string | null;
  closes: string | null;
  reason: string;
}

/** Documented special days. */
export const SPECIAL_DAYS: ClosureSeed[] = [
  // Blu Radio, Dec 2025: "todos los SuperCADES … desde las 7:00 a. m. hasta la 1:00 p. m." on 24 December.
  { day: '2025-12-24', kinds: ['supercade'], opens: '07:00', closes: '13:00', reason: 'Jornada especial de Nochebuena' },
  // Pulzo, Dec 2025: on 31 December 2025 the points open 7:00–13:00 ("jornada continua").
  { day: '2025-12-31', kinds: ['supercade', 'cade'], opens: '07:00', closes: '13:00', reason: 'Jornada continua de fin de año' },
];

export interface ServiceSeed {
  slug: string;
  name: string;
  summary: string;
  entity: string;
  /** (assumption) unless a source is named: the Guía de Trámites itself was not captured. */
  requirements: string[];
  costKind: CostKind;
  costNote?: string;
  channel: Channel;
  onlineUrl: string | null;
  sourceUrl: string | null;
  /**
   * Centres that offer it, with the turn grid (slot minutes, people per slot; null = walk-in only).
   * (assumption) unless the source names the point; officials adjust both in the back office. The
   * service's entity is recorded as present at each point that offers it.
   */
  offeredAt: { centre: string; slotMinutes: number | null; capacity: number | null }[];
}

const GUIDE = 'https://guiatramitesyservicios.bogota.gov.co/';
const ALL_SUPERCADES = CENTRES.filter((c) => c.kind === 'supercade' && c.entities.includes('sdh')).map((c) => c.slug);

export const SERVICES: ServiceSeed[] = [
  {
    slug: 'impuesto-predial',
    name: 'Orientación y pago del impuesto predial unificado',
    summary: 'Consulta del estado de cuenta, liquidación y orientación para pagar el impuesto predial de un inmueble en Bogotá.',
    entity: 'sdh',
    requirements: ['Documento de identidad del propietario o de quien hace el trámite', 'Dirección o CHIP del predio'],
    // "todos los procesos gestionados ante la Secretaría de Hacienda son gratuitos" (Blu Radio, Dec 2025).
    costKind: 'free',
    costNote: 'El trámite es gratuito y no requiere intermediarios; el valor del impuesto depende del predio.',
    channel: 'both',
    onlineUrl: 'https://www.haciendabogota.gov.co',
    sourceUrl: 'https://www.bluradio.com/regiones/bogota/horarios-de-atencion-en-supercades-de-bogota-para-el-24-y-31-de-diciembre-de-2025-so35',
    offeredAt: ALL_SUPERCADES.map((centre) => ({ centre, slotMinutes: 20, capacity: 4 })),
  },
  {
    slug: 'impuesto-vehiculos',
    name: 'Orientación y pago del impuesto sobre vehículos automotores',
    summary: 'Liquidación, orientación y pago del impuesto de vehículos matriculados en Bogotá.',
    entity: 'sdh',
    requirements: ['Documento de identidad', 'Placa del vehículo'],
    costKind: 'free',
    costNote: 'El trámite es gratuito; el valor del impuesto depende del vehículo.',
    channel: 'both',
    onlineUrl: 'https://www.haciendabogota.gov.co',
    sourceUrl: 'https://www.bluradio.com/regiones/bogota/horarios-de-atencion-en-supercades-de-bogota-para-el-24-y-31-de-diciembre-de-2025-so35',
    offeredAt: ALL_SUPERCADES.map((centre) => ({ centre, slotMinutes: 20, capacity: 3 })),
  },
  {
    slug: 'salida-parqueadero-motos',
    name: 'Salida de patios para motocicletas inmovilizadas',
    summary: 'Autorización de salida de una motocicleta inmovilizada en los patios del Distrito, con agendamiento previo.',
    entity: 'sdm',
    requirements: ['Documento de identidad del propietario', 'Licencia de tránsito de la motocicleta', 'Comprobante de pago de parqueadero y grúa'],
    costKind: 'variable',
    costNote: 'Se pagan los servicios de parqueadero y grúa según los días de inmovilización; la liquidación se paga en línea o en el punto.',
    channel: 'in_person',
    // "Liquidación de servicios de parqueaderos y grúas" at movilidadbogota.gov.co (radiosantafe, Oct 2019).
    onlineUrl: 'https://www.movilidadbogota.gov.co',
    sourceUrl: 'http://www.radiosantafe.com/2019/10/31/cade-fontibon-sera-el-unico-punto-de-atencion-exclusivo-para-motociclistas-en-bogota/',
    offeredAt: [{ centre: 'cade-fontibon', slotMinutes: 30, capacity: 3 }],
  },
  {
    slug: 'curso-pedagogico-transito',
    name: 'Curso pedagógico por infracciones de tránsito',
    summary: 'Curso para conductores con un comparendo, con agendamiento previo.',
    entity: 'sdm',
    requirements: ['Documento de identidad', 'Número del comparendo'],
    costKind: 'variable',
    costNote: 'Consulte el valor vigente en la Guía de Trámites y Servicios.',
    channel: 'in_person',
    onlineUrl: null,
    sourceUrl: 'http://www.radiosantafe.com/2019/10/31/cade-fontibon-sera-el-unico-punto-de-atencion-exclusivo-para-motociclistas-en-bogota/',
    offeredAt: [
      { centre: 'cade-fontibon', slotMinutes: 60, capacity: 10 },
      { centre: 'supercade-movilidad', slotMinutes: 60, capacity: 20 },
    ],
  },
  {
    slug: 'peticion-bogota-te-escucha',
    name: 'Radicar una petición, queja, reclamo o sugerencia (Bogotá te escucha)',
    summary: 'Presentar derechos de petición, quejas, reclamos, sugerencias, felicitaciones, consultas, solicitudes de información y denuncias ante cualquier entidad del Distrito.',
    entity: 'sg',
    requirements: ['Descripción de la solicitud', 'Datos de contacto si desea recibir respuesta (puede ser anónima)'],
    costKind: 'free',
    costNote: 'El derecho de petición es gratuito.',
    channel: 'both',
    onlineUrl: 'https://bogota.gov.co/sdqs',
    sourceUrl: 'https://bogota.gov.co/sdqs/glosario',
    // Walk-in at every point: the Secretaría General, which runs Bogotá te escucha, is in all of them.
    offeredAt: CENTRES.map((c) => ({ centre: c.slug, slotMinutes: null, capacity: null })),
  },
  {
    slug: 'encuesta-sisben',
    name: 'Solicitud de encuesta del Sisbén',
    summary: 'Solicitar la encuesta del Sisbén para un hogar, o su actualización.',
    entity: 'sdp',
    requirements: ['Documento de identidad de los integrantes del hogar', 'Recibo de un servicio público de la vivienda'],
    costKind: 'free',
    channel: 'both',
    onlineUrl: GUIDE,
    // "pensiones y Sisbén, entre otros" among the points' procedures (radiosantafe, Jul 2018).
    sourceUrl: 'https://radiosantafe.com/2018/07/31/redcade-presto-cerca-de-25-millones-de-servicios-durante-el-primer-semestre-de-2018',
    offeredAt: [
      { centre: 'supercade-suba', slotMinutes: 30, capacity: 2 },
      { centre: 'supercade-americas', slotMinutes: 30, capacity: 2 },
      { centre: 'supercade-movil', slotMinutes: 30, capacity: 2 },
    ],
  },
  {
    slug: 'pensiones-cesantias-foncep',
    name: 'Orientación sobre pensiones y cesantías (FONCEP)',
    summary: 'Orientación para planear la jubilación y sobre trámites de pensiones y cesantías de exservidores del Distrito.',
    entity: 'foncep',
    requirements: ['Documento de identidad'],
    costKind: 'free',
    channel: 'both',
    onlineUrl: GUIDE,
    sourceUrl: 'https://secretariageneral.gov.co/noticias/bogota-activa-rutas-de-servicio-para-personas-mayores-con-discapacidad-y-mujeres-en-san-cristobal',
    offeredAt: [{ centre: 'supercade-cad', slotMinutes: 30, capacity: 2 }],
  },
  {
    slug: 'manzana-del-cuidado',
    name: 'Servicios de la Manzana del Cuidado',
    summary: 'Respiro, formación y generación de ingresos para personas cuidadoras, y cuidado de niñas, niños, personas mayores y personas con discapacidad.',
    entity: 'sdmujer',
    requirements: [],
    costKind: 'free',
    channel: 'in_person',
    onlineUrl: 'https://www.sdmujer.gov.co',
    sourceUrl: 'https://www.elespectador.com/bogota/nueva-manzana-del-cuidado-abrio-en-el-20-de-julio/',
    offeredAt: [
      { centre: 'supercade-20-de-julio', slotMinutes: null, capacity: null },
      { centre: 'supercade-manitas', slotMinutes: null, capacity: null },
    ],
  },
  {
    slug: 'orientacion-comisaria-familia',
    name: 'Orientación de comisaría de familia',
    summary: 'Orientación y rutas de atención en prevención de la violencia intrafamiliar y de género.',
    entity: 'sdis',
    requirements: ['Documento de identidad (si no lo tiene, igual será atendida o atendido)'],
    costKind: 'free',
    channel: 'in_person',
    onlineUrl: null,
    sourceUrl: 'https://secretariageneral.gov.co/noticias/bogota-activa-rutas-de-servicio-para-personas-mayores-con-discapacidad-y-mujeres-en-san-cristobal',
    offeredAt: [
      { centre: 'supercade-20-de-julio', slotMinutes: null, capacity: null },
      { centre: 'cade-la-victoria', slotMinutes: null, capacity: null },
    ],
  },
  {
    slug: 'afiliacion-capital-salud',
    name: 'Afiliación y orientación en salud (Capital Salud EPS-S)',
    summary: 'Afiliación al régimen subsidiado y orientación sobre el acceso a servicios de salud.',
    entity: 'capital-salud',
    requirements: ['Documento de identidad de cada persona que se afilia'],
    costKind: 'free',
    channel: 'in_person',
    onlineUrl: null,
    sourceUrl: 'https://secretariageneral.gov.co/noticias/bogota-activa-rutas-de-servicio-para-personas-mayores-con-discapacidad-y-mujeres-en-san-cristobal',
    offeredAt: [
      { centre: 'supercade-20-de-julio', slotMinutes: 20, capacity: 2 },
      { centre: 'cade-la-victoria', slotMinutes: 20, capacity: 2 },
    ],
  },
];

/** Where the network's catalogue is kept by the District (linked from every service page). */
export const GUIDE_URL = GUIDE;
