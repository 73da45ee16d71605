import type { Executor } from '../../core/db/database.ts';

const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null);

/** The petitions (PQRS) a person filed with their account: what they asked, its course and the answer. */
export async function serviceRequestsPersonalData(db: Executor, userId: string): Promise<Record<string, unknown>> {
  const requests = await db
    .selectFrom('service_requests_requests')
    .select([
      'radicado',
      'type_code',
      'channel',
      'entity_code',
      'localidad_code',
      'subject',
      'description',
      'requester_name',
      'requester_email',
      'requester_phone',
      'requester_address',
      'document_type',
      'filed_at',
      'state',
      'due_on',
      'answered_at',
      'answer_text',
    ])
    .where('requester_user_id', '=', userId)
    .orderBy('filed_at')
    .execute();
  return {
    requests: requests.map((r) => ({
      radicado: r.radicado,
      type: r.type_code,
      channel: r.channel,
      entity: r.entity_code,
      localidad: r.localidad_code,
      subject: r.subject,
      description: r.description,
      contact: { name: r.requester_name, email: r.requester_email, phone: r.requester_phone, address: r.requester_address, documentType: r.document_type },
      filedAt: iso(r.filed_at),
      state: r.state,
      dueOn: r.due_on,
      answeredAt: iso(r.answered_at),
      answer: r.answer_text,
    })),
  };
}
