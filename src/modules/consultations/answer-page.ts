import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../core/http/errors.ts';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { addAsset } from '../../core/http/assets.ts';
import type { Db } from '../../core/db/database.ts';
import { canOnRequest } from '../../core/permissions/authorize.ts';
import { hasRole, type Actor, type Decision, type DenialReason } from '../../core/permissions/permissions.ts';
import { answersByKey, countParticipants, identityHashOf, listDocuments, loadQuestionnaire, participationOf, resourceOf, type Consultation } from './consultations.queries.ts';
import type { Channel } from './consultations.schema.ts';
import { ensureSealed } from './commands/seal-consultation.ts';
import { formValuesOf, rawFromRows } from './answers.ts';
import { DIMENSIONS, type Dimension } from './categories.ts';
import { responseKey } from './response-key.ts';
import { computeResults } from './results.queries.ts';
import { resultsVisible } from './state.ts';
import type { AnswerArea, ConsultationPageProps } from './views/ConsultationPage.tsx';
import type { FormValues } from './views/QuestionField.tsx';

const SCRIPT = readFileSync(new URL('./assets/consultations.js', import.meta.url));
/** Changes with the script, so browsers fetch the new one. */
export const SCRIPT_VERSION = createHash('sha256').update(SCRIPT).digest('hex').slice(0, 10);
addAsset('consultations.js', 'text/javascript; charset=utf-8', SCRIPT);

/** Whether `respondent` may answer now, with any requirement an admin set for `answer`. */
export async function canAnswer(request: FastifyRequest, respondent: Actor | null, consultation: Consultation, answeredBy: Channel | null): Promise<Decision> {
  const { registry, requirements } = request.server.gab;
  const requirement = (await requirements()).get('consultations.answer');
  return registry.can('consultations', 'answer', respondent, resourceOf(consultation, answeredBy), { requirement });
}

/** The respondent's identity and participation, as the answer flow needs them. */
export async function respondentState(db: Db, consultation: Consultation, respondent: Actor | null) {
  const identityHash = respondent ? await identityHashOf(db, respondent.userId) : null;
  const participation = await participationOf(db, consultation.id, identityHash);
  return { identityHash, participation };
}

/** Builds everything the consultation page shows for this request. */
export async function consultationPageProps(
  request: FastifyRequest,
  db: Db,
  secret: string,
  consultation: Consultation,
  options: {
    respondent: Actor | null;
    assistedCitizen?: { id: string; name: string } | null;
    /** Re-rendering after a failed submission: the typed values and their errors, or the denial. */
    submitted?: { values: FormValues; errors: FieldErrors } | { reason: DenialReason };
  },
): Promise<Omit<ConsultationPageProps, 'ctx'>> {
  const c = consultation;
  const [documents, questions] = await Promise.all([
    listDocuments(db, c.id),
    loadQuestionnaire(db, c.id),
  ]);
  const { identityHash, participation } = await respondentState(db, c, options.respondent);
  let answer: AnswerArea;
  const submitted = options.submitted;
  if (submitted && 'reason' in submitted) {
    answer = { mode: 'denied', reason: submitted.reason, participation };
  } else {
    const decision = await canAnswer(request, options.respondent, c, participation?.channel ?? null);
    if (!decision.allowed) answer = { mode: 'denied', reason: decision.reason, participation };
    else if (submitted) answer = { mode: 'form', values: submitted.values, errors: submitted.errors, editing: participation !== null, participation };
    else {
      const saved = participation && identityHash ? await answersByKey(db, responseKey(secret, c.id, identityHash)) : [];
      answer = { mode: 'form', values: formValuesOf(questions, rawFromRows(questions, saved)), editing: participation !== null, participation };
    }
  }
  let results: ConsultationPageProps['results'] = null;
  if (resultsVisible(c)) {
    await ensureSealed(db, c);
    const requested = (request.query as { desglose?: string } | undefined)?.desglose;
    const dimension = DIMENSIONS.includes(requested as Dimension) ? (requested as Dimension) : null;
    results = { results: await computeResults(db, c, questions, dimension), participation: await countParticipants(db, c.id) };
  }
  const actor = request.actor;
  const assisted =
    actor && hasRole(actor, 'desk_clerk') && !options.assistedCitizen && c.state === 'open'
      ? (
          await db
            .selectFrom('core_assisted_sessions as s')
            .innerJoin('core_users as u', 'u.id', 's.citizen_id')
            .select(['s.citizen_id', 'u.display_name'])
            .where('s.clerk_id', '=', actor.userId)
            .where('s.ended_at', 'is', null)
            .where('s.expires_at', '>', new Date().toISOString() as never)
            .orderBy('s.started_at', 'desc')
            .execute()
        ).map((s) => ({ citizenId: s.citizen_id, name: s.display_name }))
      : [];
  const resource = resourceOf(c);
  return {
    consultation: c,
    documents,
    questions,
    answer,
    results,
    assisted,
    canManage: (await canOnRequest(request, 'consultations', 'manage', resource)).allowed,
    canModerate: (await canOnRequest(request, 'consultations', 'moderate', resource)).allowed && questions.some((q) => q.kind === 'short_text' || q.kind === 'long_text'),
    assistedCitizen: options.assistedCitizen ?? null,
    scriptVersion: SCRIPT_VERSION,
  };
}

