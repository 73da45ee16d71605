import { addBusinessDays, isBusinessDay } from '../../core/calendar/business-days.ts';
import type { Tx } from '../../core/db/database.ts';
import { bogotaDay, DEFAULT_LOCALE } from '../../core/i18n/i18n.ts';
import type { Services } from '../../core/modules/module.ts';
import { answerRequest } from './commands/answer-request.ts';
import { extendRequest } from './commands/extend-request.ts';
import { fileRequest, type Requester } from './commands/file-request.ts';
import { requestCompletion } from './commands/request-completion.ts';
import { transferRequest } from './commands/transfer-request.ts';
import type { MailContext } from './notify-requester.ts';
import { REQUEST_TYPES } from './request-types.data.ts';
import type { AnswerOutcome } from './service-requests.schema.ts';

/** The typology and its terms. Kept in step with the release: a changed term in the law ships as data. */
export async function seedServiceRequestTypes(tx: Tx): Promise<void> {
  for (const [position, type] of REQUEST_TYPES.entries()) {
    const values = { position, term_days: type.termDays, max_extension_days: type.maxExtensionDays, habeas_data: type.habeasData, legal_basis: type.legalBasis };
    await tx
      .insertInto('service_requests_types')
      .values({ code: type.code, ...values })
      .onConflict((oc) => oc.column('code').doUpdateSet({ ...values, updated_at: new Date().toISOString() }).where((eb) => eb.or([
        eb('service_requests_types.term_days', '!=', type.termDays),
        eb('service_requests_types.max_extension_days', '!=', type.maxExtensionDays),
        eb('service_requests_types.legal_basis', '!=', type.legalBasis),
        eb('service_requests_types.position', '!=', position),
      ])))
      .execute();
  }
}

const DEMO_PEOPLE = [
  { email: 'ana.demo.pqrs@example.co', name: 'Ana Rodríguez (demostración)' },
  { email: 'jorge.demo.pqrs@example.co', name: 'Jorge Castillo (demostración)' },
];

interface DemoRequest {
  /** Business days before today it was filed. */
  ago: number;
  type: string;
  entity: string;
  localidad: string | null;
  subject: string;
  description: string;
  requester: 'ana' | 'jorge' | 'contact' | 'anonymous';
  channel?: 'web' | 'presencial' | 'telefonico';
  then?:
    | { answer: { after: number; outcome: AnswerOutcome; text: string } }
    | { transfer: { after: number; to: string; reason: string } }
    | { extend: { after: number; by: number; reason: string } }
    | { complete: { after: number; reason: string } };
}

const DEMO: DemoRequest[] = [
  {
    ago: 45, type: 'peticion_general', entity: 'sdm', localidad: '11', requester: 'ana',
    subject: 'Semáforo peatonal en la Avenida Suba con calle 145',
    description: 'Solicito la instalación de un semáforo peatonal en el cruce de la Avenida Suba con calle 145: los niños del colegio cruzan sin protección.',
    then: { answer: { after: 9, outcome: 'favorable', text: 'La Secretaría Distrital de Movilidad incluyó el cruce en el plan de semaforización del segundo semestre. El estudio de tránsito concluyó que el cruce cumple los criterios para un semáforo peatonal.' } },
  },
  {
    ago: 30, type: 'queja', entity: 'idu', localidad: '09', requester: 'contact', channel: 'presencial',
    subject: 'Obra abandonada en la calle 22 de Fontibón',
    description: 'La obra de andenes de la calle 22 lleva dos meses sin trabajadores, con zanjas abiertas y sin señalización.',
  },
  {
    ago: 22, type: 'reclamo', entity: 'uaesp', localidad: '08', requester: 'anonymous',
    subject: 'Recolección de basuras incumplida en Kennedy',
    description: 'En el barrio Timiza el camión recolector no pasa desde hace tres semanas; los residuos se acumulan en la esquina del parque.',
  },
  {
    ago: 35, type: 'denuncia_corrupcion', entity: 'sdg', localidad: null, requester: 'anonymous',
    subject: 'Cobros irregulares por trámite gratuito',
    description: 'En una oficina de atención se estaría cobrando dinero por agilizar un trámite que es gratuito. Adjunto fechas y horarios en que ocurrió.',
    then: { answer: { after: 19, outcome: 'informative', text: 'La denuncia fue remitida a la Oficina de Control Interno Disciplinario, que abrió indagación previa. Le informaremos en esta página las decisiones que se adopten, sin revelar datos de quien denuncia.' } },
  },
  {
    ago: 12, type: 'copia', entity: 'sdh', localidad: null, requester: 'jorge',
    subject: 'Copia de la resolución de exención del impuesto predial',
    description: 'Solicito copia de la resolución que negó la exención del impuesto predial para el predio de mi familia en Usaquén.',
    then: { answer: { after: 6, outcome: 'denied', text: 'La resolución solicitada contiene información tributaria reservada de terceros (Estatuto Tributario, art. 583); solo el titular del predio puede obtener copia, previa acreditación.' } },
  },
  {
    ago: 3, type: 'acceso_informacion', entity: 'sg', localidad: null, requester: 'anonymous',
    subject: 'Matrícula escolar 2026 por localidad',
    description: 'Solicito el número de estudiantes matriculados en colegios oficiales en 2026, por localidad y grado.',
    then: { transfer: { after: 1, to: 'sed', reason: 'La información de matrícula la produce y custodia la Secretaría de Educación del Distrito, entidad competente para responder.' } },
  },
  {
    ago: 24, type: 'consulta', entity: 'sdp', localidad: '01', requester: 'ana',
    subject: 'Uso del suelo permitido para un jardín infantil',
    description: '¿Qué usos del suelo permite el POT para un predio en el barrio Santa Bárbara (Usaquén) donde queremos abrir un jardín infantil?',
    then: { extend: { after: 23, by: 10, reason: 'La consulta requiere un concepto de la Dirección de Norma Urbana sobre la ficha normativa del sector, que se emitirá en los próximos días.' } },
  },
  {
    ago: 6, type: 'peticion_particular', entity: 'sds', localidad: '19', requester: 'contact', channel: 'telefonico',
    subject: 'Autorización de cita con especialista',
    description: 'Solicito que se autorice la cita con ortopedia ordenada hace un mes a mi madre, de 78 años.',
    then: { complete: { after: 2, reason: 'Para tramitar la solicitud necesitamos el número de la orden médica y el nombre de la IPS donde fue atendida. Puede completarla en esta página.' } },
  },
  {
    ago: 1, type: 'sugerencia', entity: 'idrd', localidad: '10', requester: 'jorge',
    subject: 'Horario extendido de la ciclovía en diciembre',
    description: 'Sugiero extender el horario de la ciclovía hasta las 4 p. m. los domingos de diciembre.',
  },
  {
    ago: 10, type: 'felicitacion', entity: 'transmilenio', localidad: null, requester: 'anonymous',
    subject: 'Atención del personal de la estación Portal Norte',
    description: 'Quiero felicitar al personal de la estación Portal Norte por la ayuda a una persona con discapacidad visual.',
    then: { answer: { after: 2, outcome: 'favorable', text: 'Gracias por su mensaje. Lo compartimos con el equipo de la estación Portal Norte.' } },
  },
];

const dayToDate = (day: string) => new Date(`${day}T10:00:00-05:00`);

/**
 * Demo content (idempotent: skipped when any request exists): requests of several types and states
 * across entities — some overdue, some answered (on time, late, denied), one transferred, one
 * extended, one waiting for the citizen to complete it — by demo people who have no password.
 */
export async function seedServiceRequestsDemo(tx: Tx, services: Services): Promise<void> {
  const existing = await tx.selectFrom('service_requests_requests').select('id').limit(1).executeTakeFirst();
  if (existing) return;
  const people: Record<string, string> = {};
  for (const person of DEMO_PEOPLE) {
    const found = await tx.selectFrom('core_users').select('id').where('email', '=', person.email).executeTakeFirst();
    people[person.email] =
      found?.id ?? (await tx.insertInto('core_users').values({ email: person.email, display_name: person.name, password_hash: null }).returning('id').executeTakeFirstOrThrow()).id;
  }
  // Demo content notifies in the app only: nobody is e-mailed about requests nobody filed.
  const mail: MailContext = { catalog: { es: {}, en: {} }, baseUrl: services.config.baseUrl, sendMail: false };
  const filedDay = (ago: number) => {
    let day = bogotaDay();
    for (let steps = 0; steps < ago; ) {
      day = previousDay(day);
      if (isBusinessDay(day)) steps += 1;
    }
    return day;
  };
  for (const demo of [...DEMO].sort((a, b) => b.ago - a.ago)) {
    const filedOn = filedDay(demo.ago);
    const requester: Requester =
      demo.requester === 'ana'
        ? { kind: 'account', userId: people[DEMO_PEOPLE[0]!.email]! }
        : demo.requester === 'jorge'
          ? { kind: 'account', userId: people[DEMO_PEOPLE[1]!.email]! }
          : demo.requester === 'contact'
            ? { kind: 'contact', name: 'Persona de demostración', email: null, phone: null, address: 'Calle 22 # 100-10, Bogotá', documentType: null, documentHash: null }
            : { kind: 'anonymous' };
    const filed = await fileRequest(tx, { files: services.files, secret: services.config.secret, mail }, {
      typeCode: demo.type,
      entityCode: demo.entity,
      localidadCode: demo.localidad,
      subject: demo.subject,
      description: demo.description,
      channel: demo.channel ?? 'web',
      requester,
      consent: { policyVersion: 'demo', ipHash: null },
      locale: DEFAULT_LOCALE,
      files: [],
      actor: null,
      filedBy: null,
      now: dayToDate(filedOn),
    });
    const then = demo.then;
    if (!then) continue;
    if ('answer' in then) {
      await answerRequest(tx, { files: services.files, mail }, { id: filed.id, text: then.answer.text, outcome: then.answer.outcome, files: [], actor: null, now: dayToDate(addBusinessDays(filedOn, then.answer.after)) });
    } else if ('transfer' in then) {
      await transferRequest(tx, mail, { id: filed.id, toEntity: then.transfer.to, reason: then.transfer.reason, actor: null, now: dayToDate(addBusinessDays(filedOn, then.transfer.after)) });
    } else if ('extend' in then) {
      await extendRequest(tx, mail, { id: filed.id, newDue: addBusinessDays(filed.dueOn, then.extend.by), reason: then.extend.reason, actor: null, now: dayToDate(addBusinessDays(filedOn, then.extend.after)) });
    } else if ('complete' in then) {
      await requestCompletion(tx, mail, { id: filed.id, reason: then.complete.reason, actor: null, now: dayToDate(addBusinessDays(filedOn, then.complete.after)) });
    }
  }
}

const previousDay = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
