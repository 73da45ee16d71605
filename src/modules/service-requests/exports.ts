import type { Executor } from '../../core/db/database.ts';
import type { ModuleExport } from '../../core/modules/module.ts';

/** One row per request without personal data: no names, contacts, documents, subjects or texts. */
const listPublicRequests = (db: Executor) =>
  db
    .selectFrom('service_requests_requests as r')
    .innerJoin('core_entities as e', 'e.code', 'r.entity_code')
    .select([
      'r.radicado',
      'r.year',
      'r.type_code',
      'r.channel',
      'r.entity_code',
      'e.name as entity_name',
      'r.localidad_code',
      'r.requester_kind',
      'r.filed_on',
      'r.original_due_on',
      'r.due_on',
      'r.state',
      'r.answered_on',
      'r.answer_outcome',
      'r.transfers',
      'r.extended_at',
      'r.completion_requested_on',
    ])
    .orderBy('r.year')
    .orderBy('r.sequence')
    .execute();

type PublicRequest = Awaited<ReturnType<typeof listPublicRequests>>[number];

export const requestsExport: ModuleExport<PublicRequest> = {
  titleKey: 'service-requests.export.requests',
  query: listPublicRequests,
  serialize: (r) => ({
    radicado: r.radicado,
    anio: r.year,
    tipologia: r.type_code,
    canal: r.channel,
    entidad_codigo: r.entity_code,
    entidad: r.entity_name,
    localidad: r.localidad_code,
    // Whether the person identified themselves, not who they are.
    tipo_peticionario: r.requester_kind === 'anonymous' ? 'anonimo' : 'identificado',
    fecha_radicacion: r.filed_on,
    fecha_vencimiento_inicial: r.original_due_on,
    fecha_vencimiento: r.due_on,
    estado: r.state,
    fecha_respuesta: r.answered_on,
    respuesta_a_tiempo: r.answered_on ? r.answered_on <= r.due_on : null,
    sentido_respuesta: r.answer_outcome,
    traslados: r.transfers,
    prorrogada: r.extended_at !== null,
    solicitud_de_completar: r.completion_requested_on !== null,
  }),
  openData: true,
};
