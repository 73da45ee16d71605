import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/modules/module.ts';

export async function resultsRoutes(app: FastifyInstance, services: Services): Promise<void> {
  void app;
  void services;
}
