import type { FieldErrors } from '../../core/http/errors.ts';
import { locateLocalidad } from '../../core/geo/locate.ts';
import { isValidDay, parseTime } from './bogota-clock.ts';
import { ACCESSIBILITY_FEATURES, type AccessibilityFeature } from './service-points.schema.ts';

/**
 * Parsers of the back-office forms of a centre. Each returns the values as typed (re-rendered on
 * errors, so nothing typed is lost), the typed input when everything is valid, and the i18n key of
 * what is wrong with each bad field.
 */
const text = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
const err = (key: string, vars?: Record<string, string | number>) => ({ key: `service-points.admin.errors.${key}`, vars });

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export type HoursValues = Record<string, string>;
export interface HoursInput {
  /** ISO weekday → [opens, closes] in minutes; missing = closed. */
  days: Map<number, { opens: number; closes: number }>;
}

/** `opens_<1..7>` / `closes_<1..7>` as HH:MM; both empty = closed that day. */
export function parseHoursForm(body: Record<string, unknown>): { values: HoursValues; input: HoursInput | null; errors: FieldErrors } {
  const values: HoursValues = {};
  const errors: FieldErrors = {};
  const days = new Map<number, { opens: number; closes: number }>();
  for (const weekday of WEEKDAYS) {
    const opensText = text(body, `opens_${weekday}`);
    const closesText = text(body, `closes_${weekday}`);
    values[`opens_${weekday}`] = opensText;
    values[`closes_${weekday}`] = closesText;
    if (!opensText && !closesText) continue;
    const opens = parseTime(opensText);
    const closes = parseTime(closesText);
    if (opens === null) errors[`opens_${weekday}`] = err('time');
    if (closes === null) errors[`closes_${weekday}`] = err('time');
    if (opens !== null && closes !== null) {
      if (opens >= closes) errors[`closes_${weekday}`] = err('closes_before_opens');
      else days.set(weekday, { opens, closes });
    }
  }
  return { values, input: Object.keys(errors).length ? null : { days }, errors };
}

export interface ExceptionValues {
  day: string;
  mode: string;
  opens: string;
  closes: string;
  reason: string;
}
export interface ExceptionInput {
  day: string;
  closed: boolean;
  opens: number | null;
  closes: number | null;
  reason: string;
}

/** A dated closure (`mode=closed`) or special hours (`mode=special`), always with a reason. */
export function parseExceptionForm(body: Record<string, unknown>, today: string): { values: ExceptionValues; input: ExceptionInput | null; errors: FieldErrors } {
  const values: ExceptionValues = { day: text(body, 'day'), mode: text(body, 'mode'), opens: text(body, 'opens'), closes: text(body, 'closes'), reason: text(body, 'reason') };
  const errors: FieldErrors = {};
  if (!isValidDay(values.day)) errors.day = err('day');
  else if (values.day < today) errors.day = err('day_past');
  if (values.mode !== 'closed' && values.mode !== 'special') errors.mode = err('mode');
  let opens: number | null = null;
  let closes: number | null = null;
  if (values.mode === 'special') {
    opens = parseTime(values.opens);
    closes = parseTime(values.closes);
    if (opens === null) errors.opens = err('time');
    if (closes === null) errors.closes = err('time');
    else if (opens !== null && opens >= closes) errors.closes = err('closes_before_opens');
  }
  if (values.reason.length < 3 || values.reason.length > 300) errors.reason = err('reason');
  if (Object.keys(errors).length) return { values, input: null, errors };
  return { values, input: { day: values.day, closed: values.mode === 'closed', opens, closes, reason: values.reason }, errors };
}

export interface OfferingValues {
  service: string;
  mode: string;
  slot_minutes: string;
  capacity: string;
}
export interface OfferingInput {
  serviceSlug: string;
  slotMinutes: number | null;
  capacity: number | null;
}

const wholeNumber = (value: string) => (/^\d{1,4}$/.test(value) ? Number(value) : null);

/** Offer a service at the centre: walk-in only (`mode=walk_in`) or with turns of a length and capacity. */
export function parseOfferingForm(body: Record<string, unknown>): { values: OfferingValues; input: OfferingInput | null; errors: FieldErrors } {
  const values: OfferingValues = { service: text(body, 'service'), mode: text(body, 'mode'), slot_minutes: text(body, 'slot_minutes'), capacity: text(body, 'capacity') };
  const errors: FieldErrors = {};
  if (!/^[a-z0-9][a-z0-9-]{1,79}$/.test(values.service)) errors.service = err('service');
  if (values.mode !== 'walk_in' && values.mode !== 'turns') errors.mode = err('mode');
  let slotMinutes: number | null = null;
  let capacity: number | null = null;
  if (values.mode === 'turns') {
    slotMinutes = wholeNumber(values.slot_minutes);
    capacity = wholeNumber(values.capacity);
    if (slotMinutes === null || slotMinutes < 5 || slotMinutes > 240) errors.slot_minutes = err('slot_minutes', { min: 5, max: 240 });
    if (capacity === null || capacity < 1 || capacity > 100) errors.capacity = err('capacity', { min: 1, max: 100 });
  }
  if (Object.keys(errors).length) return { values, input: null, errors };
  return { values, input: { serviceSlug: values.service, slotMinutes, capacity }, errors };
}

export interface DetailsValues {
  accessibility: string[];
  latitude: string;
  longitude: string;
}
export interface DetailsInput {
  accessibility: AccessibilityFeature[];
  latitude: number | null;
  longitude: number | null;
}

const decimal = (value: string) => (/^-?\d{1,3}([.,]\d{1,6})?$/.test(value) ? Number(value.replace(',', '.')) : null);

/**
 * Accessibility features (checkboxes) and coordinates. Coordinates are optional but come in pairs,
 * must fall inside Bogotá, and inside the centre's own localidad when it has one.
 */
export function parseDetailsForm(body: Record<string, unknown>, centreLocalidad: string | null): { values: DetailsValues; input: DetailsInput | null; errors: FieldErrors } {
  const raw = body.accessibility;
  const chosen = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === 'string');
  const values: DetailsValues = { accessibility: chosen, latitude: text(body, 'latitude'), longitude: text(body, 'longitude') };
  const errors: FieldErrors = {};
  if (chosen.some((f) => !(ACCESSIBILITY_FEATURES as readonly string[]).includes(f))) errors.accessibility = err('accessibility');
  let latitude: number | null = null;
  let longitude: number | null = null;
  if (values.latitude || values.longitude) {
    latitude = decimal(values.latitude);
    longitude = decimal(values.longitude);
    if (latitude === null) errors.latitude = err('coordinate');
    if (longitude === null) errors.longitude = err('coordinate');
    if (latitude !== null && longitude !== null) {
      const found = locateLocalidad(longitude, latitude);
      if (!found) errors.latitude = err('outside_bogota');
      else if (centreLocalidad && found.code !== centreLocalidad) errors.latitude = err('other_localidad', { localidad: found.name });
    }
  }
  if (Object.keys(errors).length) return { values, input: null, errors };
  return { values, input: { accessibility: ACCESSIBILITY_FEATURES.filter((f) => chosen.includes(f)), latitude, longitude }, errors };
}

export interface VisitValues {
  day: string;
  opens: string;
  closes: string;
  place: string;
  localidad: string;
}
export interface VisitInput {
  day: string;
  opens: number;
  closes: number;
  place: string;
  localidadCode: string;
}

/** A dated visit of the SuperCADE Móvil. */
export function parseVisitForm(body: Record<string, unknown>, today: string): { values: VisitValues; input: VisitInput | null; errors: FieldErrors } {
  const values: VisitValues = { day: text(body, 'day'), opens: text(body, 'opens'), closes: text(body, 'closes'), place: text(body, 'place'), localidad: text(body, 'localidad') };
  const errors: FieldErrors = {};
  if (!isValidDay(values.day)) errors.day = err('day');
  else if (values.day < today) errors.day = err('day_past');
  const opens = parseTime(values.opens);
  const closes = parseTime(values.closes);
  if (opens === null) errors.opens = err('time');
  if (closes === null) errors.closes = err('time');
  else if (opens !== null && opens >= closes) errors.closes = err('closes_before_opens');
  if (values.place.length < 3 || values.place.length > 200) errors.place = err('place');
  if (!/^(0[1-9]|1[0-9]|20)$/.test(values.localidad)) errors.localidad = err('localidad');
  if (Object.keys(errors).length) return { values, input: null, errors };
  return { values, input: { day: values.day, opens: opens!, closes: closes!, place: values.place, localidadCode: values.localidad }, errors };
}
