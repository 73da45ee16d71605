import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { DataEnvelope } from '../../core/http/api-schemas.ts';
import { sendPage, viewContext } from '../../core/http/render.tsx';
import { listIndicators, progressTowardTarget } from './model.queries.ts';
import { ModelPage } from './views/ModelPage.tsx';

const PeriodValue = Type.Object({ value: Type.Union([Type.Number(), Type.Null()]), missing: Type.Union([Type.Literal('not_applicable'), Type.Literal('no_data'), Type.Null()]) });
const Indicator = Type.Object({
  code: Type.String(),
  dimension: Type.String(),
  name: Type.String(),
  unit: Type.String(),
  source: Type.String(),
  values: Type.Object({ '2016-2017': PeriodValue, '2018-2019': PeriodValue, '2022-2023': PeriodValue }),
  progressTowardTarget: Type.Union([Type.Number(), Type.Null()]),
});

export function modelRoutes(app: FastifyInstance): void {
  const { db } = app.gab;
  app.get('/modelo', async (request, reply) => sendPage(request, reply, <ModelPage ctx={viewContext(request, reply)} indicators={await listIndicators(db)} />));

  app.get(
    '/api/v1/model/indicators',
    { schema: { tags: ['Modelo de Gobierno Abierto'], summary: 'Indicadores del modelo: línea de base 2016-2017, 2018-2019 y meta 2022-2023', response: { 200: DataEnvelope(Type.Array(Indicator)) } } },
    async () => ({
      data: (await listIndicators(db)).map((row) => ({
        code: row.code,
        dimension: row.dimension,
        name: row.name,
        unit: row.unit,
        source: row.source,
        values: row.values,
        progressTowardTarget: progressTowardTarget(row),
      })),
    }),
  );
}
