import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireSignIn } from '../auth/require-sign-in.ts';
import { redirectAfterPost, sendPage, viewContext } from '../http/render.tsx';
import { countUnread, listNotifications, markAllRead } from './notify.ts';
import { NotificationsPage } from './NotificationsPage.tsx';

const PAGE_SIZE = 30;

/** `/mi-cuenta/notificaciones`: the signed-in person's notifications, and marking them read. */
export function registerNotificationRoutes(app: FastifyInstance): void {
  app.get(
    '/mi-cuenta/notificaciones',
    { onRequest: requireSignIn, schema: { querystring: Type.Object({ pagina: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) }) } },
    async (request, reply) => {
      const { db } = app.gab;
      const userId = request.actor!.userId;
      const page = (request.query as { pagina?: number }).pagina ?? 1;
      const unread = await countUnread(db, userId);
      const total = Number(
        (await db.selectFrom('core_notifications').select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow()).n,
      );
      const rows = await listNotifications(db, userId, PAGE_SIZE, (page - 1) * PAGE_SIZE);
      const items = rows.map((r) => ({ id: String(r.id), text: request.t(r.message_key, r.vars), url: r.url, created_at: r.created_at, read_at: r.read_at }));
      return sendPage(request, reply, <NotificationsPage ctx={viewContext(request, reply)} items={items} unread={unread} page={page} pageCount={Math.max(1, Math.ceil(total / PAGE_SIZE))} />);
    },
  );

  app.post('/mi-cuenta/notificaciones/leidas', { onRequest: requireSignIn }, async (request, reply) => {
    await markAllRead(app.gab.db, request.actor!.userId);
    return redirectAfterPost(request, reply, '/mi-cuenta/notificaciones', 'notifications.marked_read');
  });
}
