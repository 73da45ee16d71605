import type { Tx } from '../../core/db/database.ts';
import type { Services } from '../../core/modules/module.ts';
import { bookingPersonKey } from './person-key.ts';
import { addDays, bogotaClock, bogotaInstant } from './bogota-clock.ts';
import { findCentreBySlug, loadSchedule } from './centres.queries.ts';
import { CENTRES, SERVICES, SPECIAL_DAYS } from './network.data.ts';
import { hoursOn } from './schedule.ts';

/**
 * Reference data: the documented centres and the catalogue (network.data.ts). Runs on every start,
 * so it never overwrites what officials manage: a centre's descriptive fields (name, type,
 * address, localidad, description, source) follow the seed, its coordinates only fill a gap, and
 * hours, closures, entities and offered services are seeded once, when the centre or the service
 * first appears. Catalogue entries are inserted once and then belong to their officials.
 */
export async function seedServicePointsReference(tx: Tx): Promise<void> {
  const newServices = new Set<string>();
  for (const s of SERVICES) {
    const inserted = await tx
      .insertInto('service_points_services')
      .values({
        slug: s.slug,
        name: s.name,
        summary: s.summary,
        entity_code: s.entity,
        requirements: s.requirements,
        cost_kind: s.costKind,
        cost_cop: null,
        cost_note: s.costNote ?? '',
        channel: s.channel,
        online_url: s.onlineUrl,
        source_url: s.sourceUrl,
        updated_at: new Date().toISOString(),
      })
      .onConflict((oc) => oc.column('slug').doNothing())
      .returning('slug')
      .executeTakeFirst();
    if (inserted) newServices.add(s.slug);
  }

  const newCentres = new Set<string>();
  for (const c of CENTRES) {
    const descriptive = { kind: c.kind, name: c.name, address: c.address, localidad_code: c.localidadCode, description: c.description, source_url: c.sourceUrl };
    const existing = await tx.selectFrom('service_points_centres').select(['id', 'latitude']).where('slug', '=', c.slug).executeTakeFirst();
    if (existing) {
      const fillCoordinates = existing.latitude === null && c.coordinates ? { longitude: c.coordinates[0], latitude: c.coordinates[1] } : {};
      await tx.updateTable('service_points_centres').set({ ...descriptive, ...fillCoordinates }).where('id', '=', existing.id).execute();
      continue;
    }
    const { id } = await tx
      .insertInto('service_points_centres')
      .values({
        slug: c.slug,
        ...descriptive,
        longitude: c.coordinates?.[0] ?? null,
        latitude: c.coordinates?.[1] ?? null,
        accessibility: c.accessibility,
        updated_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    newCentres.add(c.slug);
    const hours = c.hours.flatMap((h) => h.weekdays.map((weekday) => ({ centre_id: id, weekday, opens: h.opens, closes: h.closes })));
    if (hours.length) await tx.insertInto('service_points_hours').values(hours).execute();
    for (const day of SPECIAL_DAYS.filter((d) => d.kinds.includes(c.kind))) {
      await tx
        .insertInto('service_points_exceptions')
        .values({ centre_id: id, day: day.day, closed: day.opens === null, opens: day.opens, closes: day.closes, reason: day.reason, created_by: null })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    for (const entity of c.entities) await tx.insertInto('service_points_centre_entities').values({ centre_id: id, entity_code: entity }).onConflict((oc) => oc.doNothing()).execute();
  }

  for (const s of SERVICES) {
    for (const o of s.offeredAt) {
      if (!newServices.has(s.slug) && !newCentres.has(o.centre)) continue;
      const ids = await tx
        .selectFrom('service_points_centres as c')
        .innerJoin('service_points_services as sv', (join) => join.on('sv.slug', '=', s.slug))
        .select(['c.id as centre_id', 'sv.id as service_id'])
        .where('c.slug', '=', o.centre)
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('service_points_offerings')
        .values({ ...ids, slot_minutes: o.slotMinutes, capacity: o.capacity, updated_at: new Date().toISOString(), updated_by: null })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await tx.insertInto('service_points_centre_entities').values({ centre_id: ids.centre_id, entity_code: s.entity }).onConflict((oc) => oc.doNothing()).execute();
    }
  }
}

// Demo content, clearly fictitious: the móvil's visit calendar is not published in any source the
// project has, and the turns belong to made-up document numbers.
const DEMO_VISITS = [
  { offset: 2, localidad: '05', place: 'Sede de la Alcaldía Local de Usme (visita de demostración)' },
  { offset: 4, localidad: '07', place: 'Sede de la Alcaldía Local de Bosa (visita de demostración)' },
  { offset: 6, localidad: '20', place: 'Sede de la Alcaldía Local de Sumapaz (visita de demostración)' },
];
const DEMO_BOOKINGS = [
  { code: 'DEM0-0000-0001', document: '1000000001', minute: 9 * 60 },
  { code: 'DEM0-0000-0002', document: '1000000002', minute: 9 * 60 },
  { code: 'DEM0-0000-0003', document: '1000000003', minute: 10 * 60 + 20 },
];

/**
 * Demo content: three visits of the SuperCADE Móvil in the coming days and three turns for the
 * predial tax at the SuperCADE CAD on its next opening day after tomorrow. Idempotent (fixed days
 * per run are skipped when present; turns are keyed by their fixed codes).
 */
export async function seedServicePointsDemo(tx: Tx, services: Services): Promise<void> {
  const today = bogotaClock(new Date()).day;
  const movil = await findCentreBySlug(tx, 'supercade-movil');
  if (movil) {
    for (const v of DEMO_VISITS) {
      await tx
        .insertInto('service_points_visits')
        .values({ centre_id: movil.id, day: addDays(today, v.offset), opens: '08:00', closes: '15:00', place: v.place, localidad_code: v.localidad, created_by: null })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }
  const cad = await findCentreBySlug(tx, 'supercade-cad');
  const offering = cad
    ? await tx
        .selectFrom('service_points_offerings as o')
        .innerJoin('service_points_services as s', 's.id', 'o.service_id')
        .select(['o.service_id', 'o.slot_minutes', 'o.capacity'])
        .where('o.centre_id', '=', cad.id)
        .where('s.slug', '=', 'impuesto-predial')
        .executeTakeFirst()
    : undefined;
  if (!cad || !offering?.slot_minutes || !offering.capacity) return;
  const schedule = await loadSchedule(tx, cad, today, 14);
  let day = addDays(today, 2);
  while (!hoursOn(schedule, day).open && day < addDays(today, 14)) day = addDays(day, 1);
  for (const b of DEMO_BOOKINGS) {
    const taken = await tx.selectFrom('service_points_bookings').select('id').where('code', '=', b.code).executeTakeFirst();
    if (taken) continue;
    const startsAt = bogotaInstant(day, b.minute);
    const slot = { centre_id: cad.id, service_id: offering.service_id, starts_at: startsAt.toISOString() };
    await tx
      .insertInto('service_points_slots')
      .values({ ...slot, ends_at: new Date(startsAt.getTime() + offering.slot_minutes * 60_000).toISOString(), capacity: offering.capacity, booked: 0 })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await tx
      .updateTable('service_points_slots')
      .set((eb) => ({ booked: eb('booked', '+', 1) }))
      .where('centre_id', '=', slot.centre_id)
      .where('service_id', '=', slot.service_id)
      .where('starts_at', '=', startsAt)
      .execute();
    await tx
      .insertInto('service_points_bookings')
      .values({ code: b.code, ...slot, day, person_hash: bookingPersonKey(services.config.secret, 'CC', b.document), user_id: null, updated_at: new Date().toISOString() })
      .execute();
  }
}
