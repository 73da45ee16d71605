import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { addBusinessDays } from '../../core/calendar/business-days.ts';
import { colombianHolidays, parseDay } from '../../core/calendar/holidays.ts';
import type { FieldErrors } from '../../core/http/errors.ts';
import { sendPage, viewContext } from '../../core/http/render.tsx';
import { bogotaDay } from '../../core/i18n/i18n.ts';
import { authorize } from '../../core/permissions/authorize.ts';
import { MODULE } from './http.ts';
import { CalendarPage } from './views/CalendarPage.tsx';

const MAX_DAYS = 365;

/**
 * /calendario: Colombia's national holidays of a year (computed by rule) and "fecha de
 * vencimiento": date + N business days → due date, as a GET form that works without JavaScript.
 */
export function calendarRoutes(app: FastifyInstance): void {
  app.get(
    '/calendario',
    { schema: { querystring: Type.Object({ anio: Type.Optional(Type.String({ maxLength: 6 })), fecha: Type.Optional(Type.String({ maxLength: 20 })), dias: Type.Optional(Type.String({ maxLength: 10 })) }) } },
    async (request, reply) => {
      await authorize(request, MODULE, 'view');
      const query = request.query as { anio?: string; fecha?: string; dias?: string };
      const today = bogotaDay();
      const current = Number(today.slice(0, 4));
      const asked = Number(query.anio);
      const year = /^\d{4}$/.test(query.anio ?? '') && asked >= 1984 && asked <= 2200 ? asked : current;
      const form = { fecha: (query.fecha ?? '').trim(), dias: (query.dias ?? '').trim() };
      const errors: FieldErrors = {};
      let result: { due: string; filed: string; days: number } | undefined;
      if (query.fecha !== undefined || query.dias !== undefined) {
        const filed = parseDay(form.fecha);
        if (filed === null || form.fecha < '1984-01-01' || form.fecha > '2200-12-31') errors.fecha = { key: 'service-requests.calendar.error_date' };
        const days = /^\d{1,3}$/.test(form.dias) ? Number(form.dias) : NaN;
        if (!(days >= 1 && days <= MAX_DAYS)) errors.dias = { key: 'service-requests.calendar.error_days', vars: { max: MAX_DAYS } };
        if (Object.keys(errors).length === 0) result = { filed: form.fecha, days, due: addBusinessDays(form.fecha, days) };
      }
      const years = Array.from({ length: 8 }, (_, i) => current - 2 + i);
      if (!years.includes(year)) years.push(year), years.sort((a, b) => a - b);
      const hasErrors = Object.keys(errors).length > 0;
      return sendPage(
        request,
        reply,
        <CalendarPage ctx={viewContext(request, reply)} year={year} years={years} holidays={colombianHolidays(year)} form={form} result={result} errors={hasErrors ? errors : undefined} />,
        hasErrors ? 422 : 200,
      );
    },
  );
}
