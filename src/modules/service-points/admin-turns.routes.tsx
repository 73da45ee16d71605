import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireSignIn } from '../../core/auth/require-sign-in.ts';
import { withTransaction } from '../../core/db/database.ts';
import { notFound } from '../../core/http/errors.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import type { Services } from '../../core/modules/module.ts';
import { authorize } from '../../core/permissions/authorize.ts';
import { bogotaClock, isValidDay } from './bogota-clock.ts';
import { bookingsOfDay } from './bookings.queries.ts';
import { managedCentre } from './centre-access.ts';
import type { Centre } from './centres.queries.ts';
import { SlugParams } from './centres.routes.tsx';
import { markTurn, type MarkTurnProblem } from './commands/mark-turn.ts';
import type { TurnOutcome } from './service-points.schema.ts';
import { AdminTurnsPage, adminTurnsPath } from './views/AdminTurnsPage.tsx';

const DayQuery = Type.Object({ dia: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: true });
const TurnParams = Type.Object({ slug: Type.String({ maxLength: 80 }), id: Type.String({ format: 'uuid' }) });
// The CSRF token travels in the body too, hence additional properties.
const MarkBody = Type.Object({ outcome: Type.Union([Type.Literal('attended'), Type.Literal('no_show')]), dia: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: true });

/**
 * The desk (`/admin/puntos-de-atencion/<slug>/turnos`): the centre's turns of a day and, for today
 * and earlier days, whether each person was attended or did not come. Same permission as the rest
 * of the centre's back office (`manage-centre`, for an entity present at the centre).
 */
export function adminTurnsRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services;

  app.register(async (scope) => {
    scope.addHook('onRequest', requireSignIn);
    scope.addHook('preHandler', async (request) => authorize(request, 'service-points', 'manage-centre'));

    const centreOf = (request: FastifyRequest) => managedCentre(db, request);

    async function render(request: FastifyRequest, reply: FastifyReply, centre: Centre, asked: string | undefined, problem?: MarkTurnProblem) {
      const today = bogotaClock(new Date()).day;
      const day = asked && isValidDay(asked) ? asked : today;
      const turns = await bookingsOfDay(db, centre.id, day);
      return sendPage(request, reply, <AdminTurnsPage ctx={viewContext(request, reply)} centre={centre} day={day} today={today} turns={turns} problem={problem} />, problem ? 409 : 200);
    }

    scope.get(`/admin/puntos-de-atencion/:slug/turnos`, { schema: { params: SlugParams, querystring: DayQuery } }, async (request, reply) =>
      render(request, reply, await centreOf(request), (request.query as { dia?: string }).dia),
    );

    scope.post(`/admin/puntos-de-atencion/:slug/turnos/:id/marcar`, { schema: { params: TurnParams, body: MarkBody } }, async (request, reply) => {
      const centre = await centreOf(request);
      const { id } = request.params as { id: string };
      const body = request.body as { outcome: TurnOutcome; dia?: string };
      const result = await withTransaction(db, (tx) => markTurn(tx, { centre, bookingId: id, outcome: body.outcome, actor: request.actor!, now: new Date(), requestId: request.id }));
      if (!result.ok && result.problem === 'not_found') notFound();
      if (!result.ok) return render(request, reply, centre, body.dia, result.problem);
      const day = body.dia && isValidDay(body.dia) ? body.dia : bogotaClock(new Date()).day;
      return redirectAfterPost(request, reply, `${adminTurnsPath(centre.slug)}?dia=${day}`, `service-points.desk.marked_${body.outcome}`);
    });
  });
}
