/**
 * The 15 administrative sectors of the District (Acuerdo 257 de 2006, amended by Acuerdo 641 de
 * 2016) with their head and main attached/linked entities, plus the control bodies.
 * Source: docs/research/gab-domain.md §4.
 */
export interface SectorSeed {
  code: string;
  number: number;
  name: string;
  nameEn: string;
  entities: { code: string; acronym: string; name: string; kind: 'head' | 'attached' | 'linked'; website?: string }[];
}

export const SECTORS: SectorSeed[] = [
  { code: 'gestion-publica', number: 1, name: 'Gestión Pública', nameEn: 'Public Management', entities: [
    { code: 'sg', acronym: 'SG', name: 'Secretaría General de la Alcaldía Mayor de Bogotá', kind: 'head', website: 'https://secretariageneral.gov.co' },
    { code: 'dascd', acronym: 'DASCD', name: 'Departamento Administrativo del Servicio Civil Distrital', kind: 'attached' },
  ] },
  { code: 'gobierno', number: 2, name: 'Gobierno', nameEn: 'Government', entities: [
    { code: 'sdg', acronym: 'SDG', name: 'Secretaría Distrital de Gobierno', kind: 'head', website: 'https://www.gobiernobogota.gov.co' },
    { code: 'dadep', acronym: 'DADEP', name: 'Departamento Administrativo de la Defensoría del Espacio Público', kind: 'attached' },
    { code: 'idpac', acronym: 'IDPAC', name: 'Instituto Distrital de la Participación y Acción Comunal', kind: 'attached', website: 'https://www.participacionbogota.gov.co' },
  ] },
  { code: 'hacienda', number: 3, name: 'Hacienda', nameEn: 'Finance', entities: [
    { code: 'sdh', acronym: 'SDH', name: 'Secretaría Distrital de Hacienda', kind: 'head', website: 'https://www.haciendabogota.gov.co' },
    { code: 'uaecd', acronym: 'UAECD', name: 'Unidad Administrativa Especial de Catastro Distrital', kind: 'attached' },
    { code: 'foncep', acronym: 'FONCEP', name: 'Fondo de Prestaciones Económicas, Cesantías y Pensiones', kind: 'attached' },
    { code: 'loteria-bogota', acronym: 'LB', name: 'Lotería de Bogotá', kind: 'linked' },
  ] },
  { code: 'planeacion', number: 4, name: 'Planeación', nameEn: 'Planning', entities: [
    { code: 'sdp', acronym: 'SDP', name: 'Secretaría Distrital de Planeación', kind: 'head', website: 'https://www.sdp.gov.co' },
  ] },
  { code: 'desarrollo-economico', number: 5, name: 'Desarrollo Económico, Industria y Turismo', nameEn: 'Economic Development, Industry and Tourism', entities: [
    { code: 'sdde', acronym: 'SDDE', name: 'Secretaría Distrital de Desarrollo Económico', kind: 'head' },
    { code: 'ipes', acronym: 'IPES', name: 'Instituto para la Economía Social', kind: 'attached' },
    { code: 'idt', acronym: 'IDT', name: 'Instituto Distrital de Turismo', kind: 'attached' },
  ] },
  { code: 'educacion', number: 6, name: 'Educación', nameEn: 'Education', entities: [
    { code: 'sed', acronym: 'SED', name: 'Secretaría de Educación del Distrito', kind: 'head', website: 'https://www.educacionbogota.edu.co' },
    { code: 'idep', acronym: 'IDEP', name: 'Instituto para la Investigación Educativa y el Desarrollo Pedagógico', kind: 'attached' },
    { code: 'udfjc', acronym: 'UDFJC', name: 'Universidad Distrital Francisco José de Caldas', kind: 'linked' },
    { code: 'atenea', acronym: 'ATENEA', name: 'Agencia Distrital para la Educación Superior, la Ciencia y la Tecnología', kind: 'attached' },
  ] },
  { code: 'salud', number: 7, name: 'Salud', nameEn: 'Health', entities: [
    { code: 'sds', acronym: 'SDS', name: 'Secretaría Distrital de Salud', kind: 'head', website: 'https://www.saludcapital.gov.co' },
    { code: 'ffds', acronym: 'FFDS', name: 'Fondo Financiero Distrital de Salud', kind: 'attached' },
    { code: 'idcbis', acronym: 'IDCBIS', name: 'Instituto Distrital de Ciencia, Biotecnología e Innovación en Salud', kind: 'linked' },
    { code: 'capital-salud', acronym: 'Capital Salud', name: 'Capital Salud EPS-S', kind: 'linked' },
  ] },
  { code: 'integracion-social', number: 8, name: 'Integración Social', nameEn: 'Social Integration', entities: [
    { code: 'sdis', acronym: 'SDIS', name: 'Secretaría Distrital de Integración Social', kind: 'head', website: 'https://www.integracionsocial.gov.co' },
    { code: 'idipron', acronym: 'IDIPRON', name: 'Instituto Distrital para la Protección de la Niñez y la Juventud', kind: 'attached' },
  ] },
  { code: 'cultura', number: 9, name: 'Cultura, Recreación y Deporte', nameEn: 'Culture, Recreation and Sport', entities: [
    { code: 'scrd', acronym: 'SCRD', name: 'Secretaría Distrital de Cultura, Recreación y Deporte', kind: 'head' },
    { code: 'idrd', acronym: 'IDRD', name: 'Instituto Distrital de Recreación y Deporte', kind: 'attached' },
    { code: 'idartes', acronym: 'IDARTES', name: 'Instituto Distrital de las Artes', kind: 'attached' },
    { code: 'idpc', acronym: 'IDPC', name: 'Instituto Distrital de Patrimonio Cultural', kind: 'attached' },
    { code: 'fuga', acronym: 'FUGA', name: 'Fundación Gilberto Alzate Avendaño', kind: 'attached' },
    { code: 'ofb', acronym: 'OFB', name: 'Orquesta Filarmónica de Bogotá', kind: 'attached' },
    { code: 'canal-capital', acronym: 'Canal Capital', name: 'Canal Capital', kind: 'linked' },
  ] },
  { code: 'ambiente', number: 10, name: 'Ambiente', nameEn: 'Environment', entities: [
    { code: 'sda', acronym: 'SDA', name: 'Secretaría Distrital de Ambiente', kind: 'head', website: 'https://www.ambientebogota.gov.co' },
    { code: 'idiger', acronym: 'IDIGER', name: 'Instituto Distrital de Gestión de Riesgos y Cambio Climático', kind: 'attached' },
    { code: 'jbb', acronym: 'JBB', name: 'Jardín Botánico de Bogotá José Celestino Mutis', kind: 'attached' },
    { code: 'idpyba', acronym: 'IDPYBA', name: 'Instituto Distrital de Protección y Bienestar Animal', kind: 'attached' },
  ] },
  { code: 'movilidad', number: 11, name: 'Movilidad', nameEn: 'Mobility', entities: [
    { code: 'sdm', acronym: 'SDM', name: 'Secretaría Distrital de Movilidad', kind: 'head', website: 'https://www.movilidadbogota.gov.co' },
    { code: 'idu', acronym: 'IDU', name: 'Instituto de Desarrollo Urbano', kind: 'attached' },
    { code: 'umv', acronym: 'UMV', name: 'Unidad Administrativa Especial de Rehabilitación y Mantenimiento Vial', kind: 'attached' },
    { code: 'transmilenio', acronym: 'TMSA', name: 'Empresa de Transporte del Tercer Milenio TransMilenio S.A.', kind: 'linked' },
    { code: 'emb', acronym: 'EMB', name: 'Empresa Metro de Bogotá S.A.', kind: 'linked' },
  ] },
  { code: 'habitat', number: 12, name: 'Hábitat', nameEn: 'Habitat', entities: [
    { code: 'sdht', acronym: 'SDHT', name: 'Secretaría Distrital del Hábitat', kind: 'head', website: 'https://www.habitatbogota.gov.co' },
    { code: 'cvp', acronym: 'CVP', name: 'Caja de la Vivienda Popular', kind: 'attached' },
    { code: 'uaesp', acronym: 'UAESP', name: 'Unidad Administrativa Especial de Servicios Públicos', kind: 'attached' },
    { code: 'renobo', acronym: 'RenoBo', name: 'Empresa de Renovación y Desarrollo Urbano de Bogotá', kind: 'linked' },
    { code: 'eaab', acronym: 'EAAB-ESP', name: 'Empresa de Acueducto y Alcantarillado de Bogotá', kind: 'linked' },
  ] },
  { code: 'mujeres', number: 13, name: 'Mujeres', nameEn: 'Women', entities: [
    { code: 'sdmujer', acronym: 'SDMujer', name: 'Secretaría Distrital de la Mujer', kind: 'head', website: 'https://www.sdmujer.gov.co' },
  ] },
  { code: 'seguridad', number: 14, name: 'Seguridad, Convivencia y Justicia', nameEn: 'Security, Coexistence and Justice', entities: [
    { code: 'sdscj', acronym: 'SDSCJ', name: 'Secretaría Distrital de Seguridad, Convivencia y Justicia', kind: 'head', website: 'https://scj.gov.co' },
    { code: 'uaecob', acronym: 'UAECOB', name: 'Unidad Administrativa Especial Cuerpo Oficial de Bomberos', kind: 'attached' },
  ] },
  { code: 'gestion-juridica', number: 15, name: 'Gestión Jurídica', nameEn: 'Legal Management', entities: [
    { code: 'sjd', acronym: 'SJD', name: 'Secretaría Jurídica Distrital', kind: 'head' },
  ] },
];

/** Control bodies: not part of any sector. */
export const CONTROL_BODIES = [
  { code: 'veeduria', acronym: 'VD', name: 'Veeduría Distrital', website: 'https://www.veeduriadistrital.gov.co' },
  { code: 'personeria', acronym: 'PB', name: 'Personería de Bogotá D.C.', website: 'https://www.personeriabogota.gov.co' },
  { code: 'contraloria', acronym: 'CB', name: 'Contraloría de Bogotá D.C.', website: 'https://www.contraloriabogota.gov.co' },
];
