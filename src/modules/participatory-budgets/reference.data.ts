/**
 * Reference lists of the local participatory budgets: the five "líneas de inversión local" of
 * phase 1 (Decreto 768 de 2019; 2020 encuentros ciudadanos), a selection of their "conceptos de
 * gasto" (Circular CONFIS 004 de 2022 lists the full set), topics ("temas") and local plan goals
 * ("metas PDL"), mirroring the proposal API's `meta { nombre, tema { nombre } }` nesting.
 */
export const INVESTMENT_LINES = [
  { code: 'desarrollo-economico', name: 'Desarrollo Económico Local' },
  { code: 'infraestructura', name: 'Infraestructura' },
  { code: 'desarrollo-social-cultural', name: 'Desarrollo Social y Cultural' },
  { code: 'ambiental', name: 'Inversiones Ambientales Sostenibles' },
  { code: 'ruralidad', name: 'Ruralidad' },
] as const;

export const SPENDING_CONCEPTS = [
  { code: 'reactivacion-economica', line: 'desarrollo-economico', name: 'Reactivación y reconversión verde de MiPymes y emprendimientos' },
  { code: 'economia-cultural', line: 'desarrollo-economico', name: 'Fortalecimiento de las industrias culturales y creativas locales' },
  { code: 'malla-vial', line: 'infraestructura', name: 'Construcción y conservación de malla vial local e intermedia' },
  { code: 'parques', line: 'infraestructura', name: 'Construcción, dotación y mantenimiento de parques vecinales y de bolsillo' },
  { code: 'espacio-publico', line: 'infraestructura', name: 'Espacio público peatonal, andenes y ciclorrutas' },
  { code: 'dotacion-jardines', line: 'infraestructura', name: 'Dotación e infraestructura de jardines infantiles y centros amar' },
  { code: 'eventos-culturales', line: 'desarrollo-social-cultural', name: 'Eventos artísticos, culturales y deportivos' },
  { code: 'formacion-artistica', line: 'desarrollo-social-cultural', name: 'Procesos de formación artística, cultural y deportiva' },
  { code: 'mujeres-saben', line: 'desarrollo-social-cultural', name: 'Escuelas de formación para mujeres y prevención de violencias' },
  { code: 'embarazo-adolescente', line: 'desarrollo-social-cultural', name: 'Prevención del embarazo adolescente' },
  { code: 'persona-mayor', line: 'desarrollo-social-cultural', name: 'Apoyo a personas mayores y cuidadoras' },
  { code: 'participacion', line: 'desarrollo-social-cultural', name: 'Fortalecimiento de organizaciones sociales y escuelas de participación' },
  { code: 'arbolado', line: 'ambiental', name: 'Arbolado urbano y/o rural' },
  { code: 'agricultura-urbana', line: 'ambiental', name: 'Agricultura urbana y huertas comunitarias' },
  { code: 'residuos', line: 'ambiental', name: 'Cambio de hábitos de consumo, separación en la fuente y reciclaje' },
  { code: 'bienestar-animal', line: 'ambiental', name: 'Acciones de protección y bienestar animal' },
  { code: 'asistencia-tecnica-rural', line: 'ruralidad', name: 'Asistencia técnica agropecuaria y ambiental' },
  { code: 'caminos-rurales', line: 'ruralidad', name: 'Mantenimiento de caminos veredales' },
] as const;

export const TOPICS = [
  { code: 'cultura', name: 'Cultura, recreación y deporte' },
  { code: 'ambiente', name: 'Ambiente y animales' },
  { code: 'movilidad', name: 'Movilidad y espacio público' },
  { code: 'economia', name: 'Economía y empleo' },
  { code: 'mujeres', name: 'Mujeres y equidad de género' },
  { code: 'juventud', name: 'Niñez y juventud' },
  { code: 'cuidado', name: 'Cuidado y personas mayores' },
  { code: 'participacion', name: 'Participación y convivencia' },
  { code: 'ruralidad', name: 'Ruralidad' },
] as const;

export const PLAN_GOALS = [
  { code: 'meta-eventos', topic: 'cultura', concept: 'eventos-culturales', name: 'Realizar eventos de promoción de actividades culturales, artísticas y deportivas' },
  { code: 'meta-formacion', topic: 'cultura', concept: 'formacion-artistica', name: 'Vincular personas a procesos de formación artística, cultural y deportiva' },
  { code: 'meta-arboles', topic: 'ambiente', concept: 'arbolado', name: 'Plantar y mantener árboles urbanos y rurales' },
  { code: 'meta-huertas', topic: 'ambiente', concept: 'agricultura-urbana', name: 'Implementar huertas urbanas con la comunidad' },
  { code: 'meta-reciclaje', topic: 'ambiente', concept: 'residuos', name: 'Capacitar hogares en separación en la fuente y reciclaje' },
  { code: 'meta-animales', topic: 'ambiente', concept: 'bienestar-animal', name: 'Atender animales en jornadas de esterilización y cuidado' },
  { code: 'meta-malla-vial', topic: 'movilidad', concept: 'malla-vial', name: 'Intervenir kilómetros-carril de malla vial local' },
  { code: 'meta-parques', topic: 'movilidad', concept: 'parques', name: 'Intervenir parques vecinales y de bolsillo' },
  { code: 'meta-andenes', topic: 'movilidad', concept: 'espacio-publico', name: 'Construir y mejorar metros cuadrados de espacio público peatonal' },
  { code: 'meta-mipymes', topic: 'economia', concept: 'reactivacion-economica', name: 'Apoyar MiPymes y emprendimientos en su reactivación' },
  { code: 'meta-creativas', topic: 'economia', concept: 'economia-cultural', name: 'Apoyar proyectos de las industrias culturales y creativas' },
  { code: 'meta-mujeres', topic: 'mujeres', concept: 'mujeres-saben', name: 'Formar mujeres en derechos y prevención de violencias' },
  { code: 'meta-adolescentes', topic: 'juventud', concept: 'embarazo-adolescente', name: 'Vincular adolescentes y jóvenes a acciones de prevención del embarazo' },
  { code: 'meta-jardines', topic: 'juventud', concept: 'dotacion-jardines', name: 'Dotar jardines infantiles y centros de desarrollo' },
  { code: 'meta-persona-mayor', topic: 'cuidado', concept: 'persona-mayor', name: 'Beneficiar personas mayores con apoyos y actividades' },
  { code: 'meta-organizaciones', topic: 'participacion', concept: 'participacion', name: 'Fortalecer organizaciones sociales, comunitarias y comunales' },
  { code: 'meta-caminos', topic: 'ruralidad', concept: 'caminos-rurales', name: 'Mantener kilómetros de caminos veredales' },
  { code: 'meta-asistencia-rural', topic: 'ruralidad', concept: 'asistencia-tecnica-rural', name: 'Brindar asistencia técnica a unidades productivas rurales' },
] as const;
