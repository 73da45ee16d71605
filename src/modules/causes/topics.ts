/** Topics of causes, in display order; labels are the messages `causes.topics.<code>`. */
export const TOPICS = [
  'movilidad',
  'seguridad',
  'ambiente',
  'espacio-publico',
  'servicios-publicos',
  'salud',
  'educacion',
  'cultura-deporte',
  'vivienda',
  'empleo',
  'inclusion-social',
  'participacion',
  'otro',
] as const;
export type Topic = (typeof TOPICS)[number];

export const isTopic = (value: unknown): value is Topic => typeof value === 'string' && (TOPICS as readonly string[]).includes(value);
