import type { ModuleRegistry } from '../modules/registry.ts';
import type { Services } from '../modules/module.ts';
import { mailJobHandler, SEND_MAIL_JOB } from '../mail/mail-queue.ts';
import type { JobHandler } from './jobs.ts';
import { CORE_CATALOG } from '../i18n/core-catalog.ts';
import { notificationMailHandler } from '../notifications/notification-mail.ts';
import { NOTIFICATION_MAIL_JOB } from '../notifications/notify.ts';

/** Every job handler of the installation: the core's plus each module's. */
export function jobHandlers(services: Services, registry: ModuleRegistry): Record<string, JobHandler> {
  const handlers: Record<string, JobHandler> = {
    [SEND_MAIL_JOB]: mailJobHandler(services.mailer, services.files),
    [NOTIFICATION_MAIL_JOB]: notificationMailHandler(services.db, services.mailer, services.config, registry.catalog(CORE_CATALOG), services.files) as JobHandler,
  };
  for (const module of registry.modules) {
    for (const [name, handler] of Object.entries(module.jobs ?? {})) {
      if (handlers[name]) throw new Error(`Job ${name} registered twice`);
      handlers[name] = (payload) => handler(payload, services);
    }
  }
  return handlers;
}
