import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireSignIn } from '../../core/auth/require-sign-in.ts';
import { withTransaction } from '../../core/db/database.ts';
import { notFound, type FieldErrors } from '../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import type { Services } from '../../core/modules/module.ts';
import { authorize, canOnRequest } from '../../core/permissions/authorize.ts';
import { bogotaClock, isValidDay } from './bogota-clock.ts';
import { bookingsOfDay } from './bookings.queries.ts';
import { parseDetailsForm, parseExceptionForm, parseHoursForm, parseOfferingForm, parseVisitForm } from './centre-forms.ts';
import { managedCentre } from './centre-access.ts';
import { listCentres, listLocalidadOptions, upcomingExceptions, upcomingVisits, weeklyHours, type Centre } from './centres.queries.ts';
import { SlugParams } from './centres.routes.tsx';
import { saveCentreDetails } from './commands/save-centre-details.ts';
import { removeException, saveException } from './commands/save-exception.ts';
import { saveHours } from './commands/save-hours.ts';
import { saveOffering, withdrawOffering } from './commands/save-offering.ts';
import { removeVisit, saveVisit } from './commands/save-visit.ts';
import { offeringsAtCentre } from './services.queries.ts';
import { AdminCentrePage, adminCentrePath, type CentreFormSection, type CentreFormState } from './views/AdminCentrePage.tsx';
import { AdminCentresPage } from './views/AdminCentresPage.tsx';

const ADMIN_PATH = '/admin/puntos-de-atencion';
/** Text fields, plus the accessibility checkboxes, which repeat. */
const FormBody = Type.Record(Type.String({ maxLength: 40 }), Type.Union([Type.String({ maxLength: 500 }), Type.Array(Type.String({ maxLength: 60 }), { maxItems: 20 })]));
const DayParams = Type.Object({ slug: Type.String({ maxLength: 80 }), day: Type.String({ maxLength: 20 }) });
const ServiceParams = Type.Object({ slug: Type.String({ maxLength: 80 }), service: Type.String({ maxLength: 80 }) });
const DayQuery = Type.Object({ dia: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: true });

/** The flash after a schedule change says how many turns it cancelled, if any. */
const savedFlash = (cancelled: number) => (cancelled > 0 ? 'service-points.admin.saved_cancelled' : 'service-points.admin.saved');

/**
 * Back office of centres (`/admin/puntos-de-atencion`): officials of an entity present at a centre
 * (and platform admins) manage its hours, dated closures, services and turn capacity,
 * accessibility and coordinates, and the móvil's visits; they see the day's turns. Every write is
 * validated (nothing changes on an error, and what was typed is shown again), done in one
 * transaction and audited.
 */
export function adminCentresRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  app.register(async (scope) => {
    scope.addHook('onRequest', requireSignIn);
    scope.addHook('preHandler', async (request) => authorize(request, 'service-points', 'manage-centre'));

    const centreOf = (request: FastifyRequest) => managedCentre(db, request);

    async function render(request: FastifyRequest, reply: FastifyReply, centre: Centre, form?: CentreFormState, status = 200) {
      const today = bogotaClock(new Date()).day;
      const asked = (request.query as { dia?: string } | undefined)?.dia;
      const turnsDay = asked && isValidDay(asked) ? asked : today;
      const [weekly, specialDays, visits, offerings, catalogue, localidades, turns] = await Promise.all([
        weeklyHours(db, centre.id),
        upcomingExceptions(db, centre.id, today, 60),
        upcomingVisits(db, centre.id, today, 60),
        offeringsAtCentre(db, centre.id),
        db.selectFrom('service_points_services').select(['slug', 'name']).orderBy('name').execute(),
        listLocalidadOptions(db),
        bookingsOfDay(db, centre.id, turnsDay),
      ]);
      return sendPage(
        request,
        reply,
        <AdminCentrePage
          ctx={viewContext(request, reply)}
          centre={centre}
          weekly={weekly}
          specialDays={specialDays}
          visits={visits}
          offerings={offerings}
          catalogue={catalogue}
          localidades={localidades}
          turnsDay={turnsDay}
          turns={turns}
          form={form}
        />,
        status,
      );
    }

    const invalid = (request: FastifyRequest, reply: FastifyReply, centre: Centre, section: CentreFormSection, values: object, errors: FieldErrors) =>
      render(request, reply, centre, { section, values: values as CentreFormState['values'], errors }, 422);

    scope.get(ADMIN_PATH, async (request, reply) => {
      const centres = [];
      for (const centre of await listCentres(db)) if ((await canOnRequest(request, 'service-points', 'manage-centre', { entityCodes: centre.entityCodes })).allowed) centres.push(centre);
      const canManageCatalogue = (await canOnRequest(request, 'service-points', 'manage-catalogue')).allowed;
      return sendPage(request, reply, <AdminCentresPage ctx={viewContext(request, reply)} centres={centres} canManageCatalogue={canManageCatalogue} />);
    });

    scope.get(`${ADMIN_PATH}/:slug`, { schema: { params: SlugParams, querystring: DayQuery } }, async (request, reply) => render(request, reply, await centreOf(request)));

    scope.post(`${ADMIN_PATH}/:slug/horario`, { schema: { params: SlugParams, body: FormBody } }, async (request, reply) => {
      const centre = await centreOf(request);
      const { values, input, errors } = parseHoursForm(request.body as Record<string, unknown>);
      if (!input) return invalid(request, reply, centre, 'hours', values, errors);
      const { cancelledTurns } = await withTransaction(db, (tx) => saveHours(tx, { centre, hours: input, actor: request.actor!, now: new Date(), requestId: request.id }));
      return redirectAfterPost(request, reply, `${adminCentrePath(centre.slug)}#admin-hours`, savedFlash(cancelledTurns), { count: cancelledTurns });
    });

    scope.post(`${ADMIN_PATH}/:slug/excepciones`, { schema: { params: SlugParams, body: FormBody } }, async (request, reply) => {
      const centre = await centreOf(request);
      const now = new Date();
      const { values, input, errors } = parseExceptionForm(request.body as Record<string, unknown>, bogotaClock(now).day);
      if (!input) return invalid(request, reply, centre, 'exception', values, errors);
      const { cancelledTurns } = await withTransaction(db, (tx) => saveException(tx, { centre, exception: input, actor: request.actor!, now, requestId: request.id }));
      return redirectAfterPost(request, reply, `${adminCentrePath(centre.slug)}#admin-exceptions`, savedFlash(cancelledTurns), { count: cancelledTurns });
    });

    scope.post(`${ADMIN_PATH}/:slug/excepciones/:day/eliminar`, { schema: { params: DayParams } }, async (request, reply) => {
      const centre = await centreOf(request);
      const { day } = request.params as { day: string };
      if (!isValidDay(day)) notFound();
      const removed = await withTransaction(db, (tx) => removeException(tx, { centre, day, actor: request.actor!, requestId: request.id }));
      if (!removed) notFound();
      return redirectAfterPost(request, reply, `${adminCentrePath(centre.slug)}#admin-exceptions`, 'service-points.admin.removed');
    });

    scope.post(`${ADMIN_PATH}/:slug/servicios`, { schema: { params: SlugParams, body: FormBody } }, async (request, reply) => {
      const centre = await centreOf(request);
      const { values, input, errors } = parseOfferingForm(request.body as Record<string, unknown>);
      if (!input) return invalid(request, reply, centre, 'offering', values, errors);
      const result = await withTransaction(db, (tx) => saveOffering(tx, { centre, offering: input, actor: request.actor!, now: new Date(), requestId: request.id }));
      if (!result.ok) return invalid(request, reply, centre, 'offering', values, result.errors);
      return redirectAfterPost(request, reply, `${adminCentrePath(centre.slug)}#admin-offerings`, 'service-points.admin.saved');
    });

    scope.post(`${ADMIN_PATH}/:slug/servicios/:service/retirar`, { schema: { params: ServiceParams } }, async (request, reply) => {
      const centre = await centreOf(request);
      const { service } = request.params as { service: string };
      const result = await withTransaction(db, (tx) => withdrawOffering(tx, { centre, serviceSlug: service, actor: request.actor!, now: new Date(), requestId: request.id }));
      if (!result.ok) return invalid(request, reply, centre, 'offering', { service }, result.errors);
      return redirectAfterPost(request, reply, `${adminCentrePath(centre.slug)}#admin-offerings`, 'service-points.admin.withdrawn');
    });

    scope.post(`${ADMIN_PATH}/:slug/datos`, { schema: { params: SlugParams, body: FormBody } }, async (request, reply) => {
      const centre = await centreOf(request);
      const { values, input, errors } = parseDetailsForm(request.body as Record<string, unknown>, centre.localidadCode);
      if (!input) return invalid(request, reply, centre, 'details', values, errors);
      await withTransaction(db, (tx) => saveCentreDetails(tx, { centre, details: input, actor: request.actor!, now: new Date(), requestId: request.id }));
      return redirectAfterPost(request, reply, `${adminCentrePath(centre.slug)}#admin-details`, 'service-points.admin.saved');
    });

    scope.post(`${ADMIN_PATH}/:slug/visitas`, { schema: { params: SlugParams, body: FormBody } }, async (request, reply) => {
      const centre = await centreOf(request);
      if (centre.kind !== 'movil') notFound();
      const now = new Date();
      const { values, input, errors } = parseVisitForm(request.body as Record<string, unknown>, bogotaClock(now).day);
      if (!input) return invalid(request, reply, centre, 'visit', values, errors);
      const { cancelledTurns } = await withTransaction(db, (tx) => saveVisit(tx, { centre, visit: input, actor: request.actor!, now, requestId: request.id }));
      return redirectAfterPost(request, reply, `${adminCentrePath(centre.slug)}#admin-visits`, savedFlash(cancelledTurns), { count: cancelledTurns });
    });

    scope.post(`${ADMIN_PATH}/:slug/visitas/:day/eliminar`, { schema: { params: DayParams } }, async (request, reply) => {
      const centre = await centreOf(request);
      const { day } = request.params as { day: string };
      if (centre.kind !== 'movil' || !isValidDay(day)) notFound();
      const result = await withTransaction(db, (tx) => removeVisit(tx, { centre, day, actor: request.actor!, now: new Date(), requestId: request.id }));
      if (!result.removed) notFound();
      return redirectAfterPost(request, reply, `${adminCentrePath(centre.slug)}#admin-visits`, savedFlash(result.cancelledTurns), { count: result.cancelledTurns });
    });
  });
}
