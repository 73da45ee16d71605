import type { Executor } from '../../core/db/database.ts';
import type { SearchDocumentInput } from '../../core/search/search.ts';
import { centrePath, listCentres } from './centres.queries.ts';
import { centreSearchRef, listServices, SEARCH_MODULE, servicePath, serviceSearchRef, type Service } from './services.queries.ts';

const KIND_LABEL = { supercade: 'SuperCADE', cade: 'CADE', rapicade: 'RapiCADE', movil: 'SuperCADE Móvil' } as const;

/** The search document of a catalogue entry (Spanish: the catalogue is written in Spanish). */
export function serviceDocument(s: Service): SearchDocumentInput {
  return {
    module: SEARCH_MODULE,
    ref: serviceSearchRef(s.id),
    title: s.name,
    body: [s.summary, `${s.entityName} (${s.entityAcronym})`, s.requirements.join('. '), s.costNote, 'Trámite o servicio'].filter(Boolean).join('. '),
    url: servicePath(s.slug),
  };
}

/** Every search document of the module: centres and catalogue entries. */
export async function servicePointsSearchDocuments(db: Executor): Promise<SearchDocumentInput[]> {
  const [centres, services] = await Promise.all([listCentres(db), listServices(db)]);
  return [
    ...centres.map((c) => ({
      module: SEARCH_MODULE,
      ref: centreSearchRef(c.id),
      title: c.name,
      body: [`Punto de atención ${KIND_LABEL[c.kind]} de la Red CADE`, c.address, c.localidadName ? `Localidad de ${c.localidadName}` : null, c.description].filter(Boolean).join('. '),
      url: centrePath(c.slug),
      localidadCode: c.localidadCode,
    })),
    ...services.map(serviceDocument),
  ];
}
