import type { FastifyInstance } from 'fastify';
import { actForAssistedCitizen } from '../../core/auth/assisted.ts';
import { requireSignIn } from '../../core/auth/require-sign-in.ts';
import { withTransaction, type Executor } from '../../core/db/database.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import type { Services } from '../../core/modules/module.ts';
import type { Actor } from '../../core/permissions/permissions.ts';
import { authorize } from '../../core/permissions/authorize.ts';
import { POLICIES } from '../../core/site/policies.ts';
import { checkUploads, registerUploads, uploadsOf } from './attachments.ts';
import { filingChoices } from './citizen.routes.tsx';
import { fileRequest } from './commands/file-request.ts';
import { EMPTY_FILING, readFilingForm, validateFiling } from './filing-form.ts';
import { clientHash, grantFollow, keepReceipt, mailContext, MODULE } from './http.ts';
import { FilingPage } from './views/FilingPage.tsx';

/** Citizens a clerk is attending right now (open, unexpired assisted sessions the clerk started). */
async function assistedCitizens(db: Executor, clerkId: string) {
  return db
    .selectFrom('core_assisted_sessions as s')
    .innerJoin('core_users as u', 'u.id', 's.citizen_id')
    .select(['u.id', 'u.display_name as name'])
    .where('s.clerk_id', '=', clerkId)
    .where('s.ended_at', 'is', null)
    .where('s.expires_at', '>', new Date().toISOString() as never)
    .orderBy('s.started_at', 'desc')
    .execute();
}

/**
 * /pqrs/ventanilla: a desk clerk files on behalf of a person at a service centre (presencial,
 * telefónico, correo, escrito), for the citizen of an open assisted session, for someone who
 * leaves contact data, or anonymously. The channel and the clerk are recorded.
 */
export async function deskRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db, files, config } = services;

  app.get('/pqrs/ventanilla', { onRequest: requireSignIn }, async (request, reply) => {
    await authorize(request, MODULE, 'file-for-citizen');
    const [choices, assisted] = await Promise.all([filingChoices(services), assistedCitizens(db, request.actor!.userId)]);
    return sendPage(request, reply, <FilingPage ctx={viewContext(request, reply)} form={{ ...EMPTY_FILING, channel: 'presencial' }} choices={choices} desk={{ assisted }} />);
  });

  await app.register(async (scope) => {
    await registerUploads(scope);
    scope.post('/pqrs/ventanilla', { onRequest: requireSignIn }, async (request, reply) => {
      await authorize(request, MODULE, 'file-for-citizen');
      const clerk = request.actor!;
      const [choices, assisted] = await Promise.all([filingChoices(services), assistedCitizens(db, clerk.userId)]);
      const form = readFilingForm(request.body);
      const { errors, parsed } = validateFiling(form, {
        types: choices.types,
        entities: choices.entities.map((e) => e.code),
        localidades: choices.localidades.map((l) => l.code),
        signedIn: true,
        desk: { assistedCitizenIds: assisted.map((a) => a.id) },
        secret: config.secret,
      });
      const uploads = checkUploads(uploadsOf(request.body));
      if ('error' in uploads) errors.files = uploads.error;
      // The citizen's own actor (with assistedBy) when filing for an account: audits show both people.
      let actor: Actor | null = clerk;
      if (parsed?.requester.kind === 'account') {
        actor = await actForAssistedCitizen(db, clerk, parsed.requester.userId);
        if (!actor) errors.citizen = { key: 'service-requests.errors.citizen_required' };
      }
      if (!parsed || 'error' in uploads || errors.citizen) {
        return sendPage(request, reply, <FilingPage ctx={viewContext(request, reply)} form={form} errors={errors} choices={choices} desk={{ assisted }} />, 422);
      }
      const filed = await withTransaction(db, (tx) =>
        fileRequest(tx, { files, secret: config.secret, mail: mailContext(app) }, {
          ...parsed,
          consent: { policyVersion: POLICIES.privacy[request.locale].version, ipHash: clientHash(request) },
          locale: request.locale,
          files: uploads.files,
          actor,
          filedBy: clerk.userId,
          requestId: request.id,
        }),
      );
      grantFollow(request, filed.id);
      keepReceipt(request, {
        radicado: filed.radicado,
        code: filed.code,
        dueOn: filed.dueOn,
        typeCode: parsed.typeCode,
        entityName: choices.entities.find((e) => e.code === parsed.entityCode)?.name ?? parsed.entityCode,
        emailed: parsed.requester.kind === 'contact' ? Boolean(parsed.requester.email) : parsed.requester.kind === 'account',
      });
      return redirectAfterPost(request, reply, '/pqrs/radicada', 'service-requests.flash.filed', { radicado: filed.radicado });
    });
  });
}
