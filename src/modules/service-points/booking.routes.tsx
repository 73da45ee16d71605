import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { withTransaction } from '../../core/db/database.ts';
import { notFound, type FieldErrors } from '../../core/http/errors.ts';
import type { RateLimitRule } from '../../core/http/rate-limit.ts';
import { redirectAfterPost, sendPage, viewContext } from '../../core/http/render.tsx';
import type { Services } from '../../core/modules/module.ts';
import { authorize, canOnRequest } from '../../core/permissions/authorize.ts';
import { DOCUMENT_TYPES, normalizeDocumentNumber, type DocumentType } from '../../core/verification/identity.ts';
import { availability, givesTurns, type DayAvailability } from './availability.ts';
import { isValidDay, parseTime } from './bogota-clock.ts';
import { normalizeBookingCode } from './booking-code.ts';
import { bookingPath, findBookingByCode, findBookingById, upcomingBookingsOf, type Booking } from './bookings.queries.ts';
import { findCentreById, findCentreBySlug, type Centre } from './centres.queries.ts';
import { SlugParams } from './centres.routes.tsx';
import { ALREADY_BOOKED, AlreadyBookedError, bookTurn } from './commands/book-turn.ts';
import { cancelTurn, rescheduleTurn, type LockedProblem } from './commands/change-turn.ts';
import { findOffering, offeringsAtCentre } from './services.queries.ts';
import { bookingPersonKey } from './person-key.ts';
import { readServicePointsSettings } from './service-points.settings.ts';
import { BookingFormPage, emptyBookingValues, type BookingValues } from './views/BookingFormPage.tsx';
import { BookingLookupPage } from './views/BookingLookupPage.tsx';
import { BookingPage } from './views/BookingPage.tsx';

const FormBody = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 500 }));
const BookingQuery = Type.Object({ servicio: Type.Optional(Type.String({ maxLength: 80 })), dia: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: true });
const IdParams = Type.Object({ id: Type.String({ maxLength: 60 }) });
const DayQuery = Type.Object({ dia: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: true });

/** Code lookups per client address: plenty for a person, useless for guessing 60-bit codes. */
export const LOOKUP_LIMIT: RateLimitRule = { max: 10, windowSeconds: 60 };

const text = (body: Record<string, string>, name: string) => (body[name] ?? '').trim();

/** The day to show: the asked one if it has hours in the window, else the first with free turns. */
function pickDay(days: DayAvailability[], asked: string | undefined): string {
  if (asked && days.some((d) => d.day === asked)) return asked;
  return days.find((d) => d.slots.some((s) => s.remaining > 0))?.day ?? '';
}

/** Booking a turn at a centre, and finding, moving and cancelling it with its code. */
export function bookingRoutes(app: FastifyInstance, services: Services): void {
  const { db, config } = services;

  const bookableAt = async (centre: Centre) => (await offeringsAtCentre(db, centre.id)).filter(givesTurns);

  async function renderForm(request: FastifyRequest, reply: FastifyReply, centre: Centre, values: BookingValues, errors?: FieldErrors, status = 200) {
    const offerings = await bookableAt(centre);
    const selected = offerings.find((o) => o.serviceSlug === values.service) ?? null;
    const days = selected ? await availability(db, centre, selected, new Date(), await readServicePointsSettings(db)) : null;
    const shown = { ...values, day: days ? pickDay(days, values.day || undefined) : '' };
    const decision = await canOnRequest(request, 'service-points', 'book');
    return sendPage(
      request,
      reply,
      <BookingFormPage ctx={viewContext(request, reply)} centre={centre} offerings={offerings} selected={selected} days={days} values={shown} errors={errors} denied={decision.allowed ? undefined : decision.reason} />,
      status,
    );
  }

  app.get('/puntos-de-atencion/:slug/turnos', { schema: { params: SlugParams, querystring: BookingQuery } }, async (request, reply) => {
    await authorize(request, 'service-points', 'view');
    const centre = (await findCentreBySlug(db, (request.params as { slug: string }).slug)) ?? notFound();
    const query = request.query as { servicio?: string; dia?: string };
    return renderForm(request, reply, centre, { ...emptyBookingValues(), service: query.servicio ?? '', day: query.dia && isValidDay(query.dia) ? query.dia : '' });
  });

  app.post('/puntos-de-atencion/:slug/turnos', { schema: { params: SlugParams, body: FormBody } }, async (request, reply) => {
    await authorize(request, 'service-points', 'book');
    const centre = (await findCentreBySlug(db, (request.params as { slug: string }).slug)) ?? notFound();
    const body = request.body as Record<string, string>;
    const values: BookingValues = { service: text(body, 'service'), day: text(body, 'day'), time: text(body, 'time'), document_type: text(body, 'document_type'), document_number: text(body, 'document_number') };
    const errors: FieldErrors = {};
    const offering = (await bookableAt(centre)).find((o) => o.serviceSlug === values.service);
    if (!offering) errors.service = { key: 'service-points.booking.errors.service' };
    const minute = parseTime(values.time);
    if (!isValidDay(values.day) || minute === null) errors.time = { key: 'service-points.booking.errors.choose_time' };
    const documentType = (DOCUMENT_TYPES as readonly string[]).includes(values.document_type) ? (values.document_type as DocumentType) : null;
    if (!documentType) errors.document_type = { key: 'service-points.booking.errors.document_type' };
    const document = documentType ? normalizeDocumentNumber(documentType, values.document_number) : null;
    if (documentType && !document) errors.document_number = { key: 'service-points.booking.errors.document_number' };
    if (Object.keys(errors).length || !offering || minute === null || !document || !documentType) return renderForm(request, reply, centre, values, errors, 422);

    const settings = await readServicePointsSettings(db);
    let result;
    try {
      result = await withTransaction(db, (tx) =>
        bookTurn(tx, { centre, offering, day: values.day, minute, personHash: bookingPersonKey(config.secret, documentType, document), actor: request.actor, now: new Date(), settings, requestId: request.id }),
      );
    } catch (error) {
      if (!(error instanceof AlreadyBookedError)) throw error;
      result = { ok: false as const, errors: ALREADY_BOOKED };
    }
    if (!result.ok) return renderForm(request, reply, centre, values, result.errors, 422);
    return redirectAfterPost(request, reply, bookingPath(result.id), 'service-points.booking.done', { code: result.code });
  });

  // ----- finding a turn -----

  async function renderLookup(request: FastifyRequest, reply: FastifyReply, code: string, errors?: FieldErrors, status = 200) {
    const mine = request.actor ? await upcomingBookingsOf(db, request.actor.userId, new Date()) : [];
    return sendPage(request, reply, <BookingLookupPage ctx={viewContext(request, reply)} code={code} errors={errors} mine={mine} />, status);
  }

  app.get('/turnos', async (request, reply) => {
    await authorize(request, 'service-points', 'manage-booking');
    return renderLookup(request, reply, '');
  });

  app.post('/turnos', { schema: { body: FormBody }, config: { rateLimit: LOOKUP_LIMIT } }, async (request, reply) => {
    await authorize(request, 'service-points', 'manage-booking');
    const typed = text(request.body as Record<string, string>, 'code');
    const code = normalizeBookingCode(typed);
    if (!code) return renderLookup(request, reply, typed, { code: { key: 'service-points.lookup.errors.format' } }, 422);
    const booking = await findBookingByCode(db, code);
    if (!booking) return renderLookup(request, reply, typed, { code: { key: 'service-points.lookup.errors.not_found' } }, 422);
    return reply.redirect(bookingPath(booking.id), 303);
  });

  // ----- one turn, at its private address -----
  // The address carries the booking's random id, never its code: request logs redact long ids but
  // not 12-symbol codes, and the code alone lets its holder change the turn.

  async function renderBooking(request: FastifyRequest, reply: FastifyReply, booking: Booking, form: { day?: string; time?: string; errors?: FieldErrors; problem?: LockedProblem } = {}, status = 200) {
    const now = new Date();
    const centre = (await findCentreById(db, booking.centreId))!;
    const offering = await findOffering(db, centre.id, booking.serviceSlug);
    const changeable = booking.status === 'active' && booking.startsAt.getTime() > now.getTime();
    const days = changeable && offering && givesTurns(offering) ? await availability(db, centre, offering, now, await readServicePointsSettings(db)) : null;
    const day = days ? (form.day && days.some((d) => d.day === form.day) ? form.day : '') : '';
    return sendPage(request, reply, <BookingPage ctx={viewContext(request, reply)} booking={booking} now={now} days={days} day={day} time={form.time ?? ''} errors={form.errors} problem={form.problem} />, status);
  }

  app.get('/turnos/:id', { schema: { params: IdParams, querystring: DayQuery } }, async (request, reply) => {
    await authorize(request, 'service-points', 'manage-booking');
    const booking = (await findBookingById(db, (request.params as { id: string }).id)) ?? notFound();
    return renderBooking(request, reply, booking, { day: (request.query as { dia?: string }).dia });
  });

  const bookingOf = async (request: FastifyRequest) => (await findBookingById(db, (request.params as { id: string }).id)) ?? notFound();

  app.post('/turnos/:id/cancelar', { schema: { params: IdParams } }, async (request, reply) => {
    await authorize(request, 'service-points', 'manage-booking');
    const booking = await bookingOf(request);
    const result = await withTransaction(db, (tx) => cancelTurn(tx, { booking, actor: request.actor, now: new Date(), requestId: request.id }));
    if (!result.ok) return renderBooking(request, reply, booking, { problem: result.problem }, 409);
    return redirectAfterPost(request, reply, bookingPath(booking.id), 'service-points.turn.cancelled');
  });

  app.post('/turnos/:id/cambiar', { schema: { params: IdParams, body: FormBody } }, async (request, reply) => {
    await authorize(request, 'service-points', 'manage-booking');
    const booking = await bookingOf(request);
    const body = request.body as Record<string, string>;
    const day = text(body, 'day');
    const time = text(body, 'time');
    const minute = parseTime(time);
    const centre = (await findCentreById(db, booking.centreId))!;
    const offering = await findOffering(db, centre.id, booking.serviceSlug);
    if (!offering || !givesTurns(offering)) return renderBooking(request, reply, booking, { errors: { time: { key: 'service-points.booking.errors.unavailable' } } }, 422);
    if (!isValidDay(day) || minute === null) return renderBooking(request, reply, booking, { day, time, errors: { time: { key: 'service-points.booking.errors.choose_time' } } }, 422);
    const settings = await readServicePointsSettings(db);
    let result;
    try {
      result = await withTransaction(db, (tx) => rescheduleTurn(tx, { booking, centre, offering, day, minute, actor: request.actor, now: new Date(), settings, requestId: request.id }));
    } catch (error) {
      if (!(error instanceof AlreadyBookedError)) throw error;
      result = { ok: false as const, errors: { time: ALREADY_BOOKED.document_number! } };
    }
    if (!result.ok) {
      const fresh = (await findBookingById(db, booking.id))!;
      return renderBooking(request, reply, fresh, { day, time, errors: result.errors, problem: result.problem }, result.problem ? 409 : 422);
    }
    return redirectAfterPost(request, reply, bookingPath(booking.id), 'service-points.turn.moved');
  });
}
