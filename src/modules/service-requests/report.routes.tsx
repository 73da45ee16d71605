import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendPage, viewContext } from '../../core/http/render.tsx';
import { bogotaDay, createTranslator } from '../../core/i18n/i18n.ts';
import type { Services } from '../../core/modules/module.ts';
import { authorize } from '../../core/permissions/authorize.ts';
import { MODULE } from './http.ts';
import { quarterlyReport, quarterOf, quarterRange, reportCsv } from './report.ts';
import { ReportPage } from './views/ReportPage.tsx';

const ReportQuery = Type.Object({
  anio: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  trimestre: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
});

/** The requested period, by default the current quarter in Bogotá. */
function period(request: FastifyRequest) {
  const today = bogotaDay();
  const query = request.query as { anio?: number; trimestre?: number };
  const year = query.anio ?? Number(today.slice(0, 4));
  const quarter = query.trimestre ?? quarterOf(today);
  return { year, quarter, ...quarterRange(year, quarter) };
}

/**
 * /pqrs/informe: the public quarterly report (Ley 1712 item 4.10), and /pqrs/informe.csv, the same
 * figures as open data (no personal data).
 */
export async function reportRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;

  app.get('/pqrs/informe', { schema: { querystring: ReportQuery } }, async (request, reply) => {
    await authorize(request, MODULE, 'view');
    const { year, quarter, from, to } = period(request);
    const first = await db.selectFrom('service_requests_requests').select((eb) => eb.fn.min('year').as('y')).executeTakeFirst();
    const current = Number(bogotaDay().slice(0, 4));
    const start = Math.min(Number(first?.y ?? current), year, current);
    const years = Array.from({ length: Math.max(current, year) - start + 1 }, (_, i) => start + i);
    const cells = await quarterlyReport(db, from, to);
    return sendPage(request, reply, <ReportPage ctx={viewContext(request, reply)} year={year} quarter={quarter} from={from} to={to} years={years} cells={cells} />);
  });

  app.get('/pqrs/informe.csv', { schema: { querystring: ReportQuery } }, async (request, reply) => {
    await authorize(request, MODULE, 'view');
    const { year, quarter, from, to } = period(request);
    const cells = await quarterlyReport(db, from, to);
    // Open data is published in Spanish whatever the visitor's language.
    const t = createTranslator(app.gab.catalog, 'es');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="pqrs-${year}-T${quarter}.csv"`)
      .send(`\ufeff${reportCsv(cells, year, quarter, (code) => t(`service-requests.types.${code}`))}`);
  });
}
