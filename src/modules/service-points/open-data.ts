import type { Executor } from '../../core/db/database.ts';
import type { ModuleExport } from '../../core/modules/module.ts';
import { formatTime, parseTime } from './bogota-clock.ts';
import { listCentres, type Centre } from './centres.queries.ts';
import { listServices, type Service } from './services.queries.ts';

type CentreWithHours = Centre & { hours: string };

/**
 * Weekly hours in the OpenStreetMap `opening_hours` syntax, one rule per day ("Mo 07:00-17:30;
 * …; Sa 08:00-12:00"), so any opening-hours parser reads them.
 */
const OSM_DAYS = ['', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];

async function centresWithHours(db: Executor): Promise<CentreWithHours[]> {
  const centres = await listCentres(db);
  const rows = await db.selectFrom('service_points_hours').select(['centre_id', 'weekday', 'opens', 'closes']).orderBy('centre_id').orderBy('weekday').execute();
  const byCentre = new Map<string, string[]>();
  for (const r of rows) {
    const interval = `${formatTime(parseTime(r.opens)!)}-${formatTime(parseTime(r.closes)!)}`;
    byCentre.set(r.centre_id, [...(byCentre.get(r.centre_id) ?? []), `${OSM_DAYS[r.weekday]} ${interval}`]);
  }
  // "PH off": closed on public holidays, as the platform's calendar applies them.
  return centres.map((c) => ({ ...c, hours: [...(byCentre.get(c.id) ?? []), ...(byCentre.has(c.id) ? ['PH off'] : [])].join('; ') }));
}

export const centresExport: ModuleExport<CentreWithHours> = {
  titleKey: 'service-points.export.centres',
  query: centresWithHours,
  serialize: (c) => ({
    slug: c.slug,
    nombre: c.name,
    tipo: c.kind,
    direccion: c.address,
    localidad: c.localidadCode,
    latitud: c.latitude,
    longitud: c.longitude,
    // OSM opening_hours syntax; dated closures and the móvil's visits are in the centre's page.
    horario: c.hours,
    accesibilidad: c.accessibility.join(';'),
    entidades: c.entityCodes.join(';'),
    fuente: c.sourceUrl,
  }),
  openData: true,
};

export const servicesExport: ModuleExport<Service> = {
  titleKey: 'service-points.export.services',
  query: (db) => listServices(db),
  serialize: (s) => ({
    slug: s.slug,
    nombre: s.name,
    descripcion: s.summary,
    entidad: s.entityCode,
    requisitos: s.requirements.join(' | '),
    costo_tipo: s.costKind,
    costo_cop: s.costCop,
    costo_nota: s.costNote,
    canal: s.channel,
    enlace_en_linea: s.onlineUrl,
    fuente: s.sourceUrl,
  }),
  openData: true,
};
