import { formatDate } from '../i18n/i18n.ts';
import { EmptyState, Pagination } from '../views/components/content.tsx';
import { Button, Form } from '../views/components/forms.tsx';
import { Layout } from '../views/Layout.tsx';
import type { ViewContext } from '../views/view-context.ts';

export interface NotificationItem {
  id: string;
  text: string;
  url: string;
  created_at: Date;
  read_at: Date | null;
}

/** "Mis notificaciones": newest first, unread marked in words (not only by style). */
export function NotificationsPage(props: { ctx: ViewContext; items: NotificationItem[]; unread: number; page: number; pageCount: number }) {
  const { ctx, items } = props;
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('notifications.title')} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/mi-cuenta', label: t('layout.my_account') }, { label: t('notifications.title') }]}>
      <h1>{t('notifications.title')}</h1>
      <p class="lead">{t('notifications.unread', { count: props.unread })}</p>
      {props.unread > 0 && (
        <Form ctx={ctx} action="/mi-cuenta/notificaciones/leidas">
          <Button kind="secondary">{t('notifications.mark_all_read')}</Button>
        </Form>
      )}
      {items.length === 0 ? (
        <EmptyState title={t('notifications.empty')}>
          <p>{t('notifications.empty_hint')}</p>
        </EmptyState>
      ) : (
        <ul class="notification-list">
          {items.map((n) => (
            <li class={n.read_at ? 'notification' : 'notification notification-unread'}>
              {!n.read_at && <strong class="badge">{t('notifications.new')}</strong>} <a href={n.url}>{n.text}</a>
              <br />
              <span class="hint">{formatDate(locale, n.created_at, true)}</span>
            </li>
          ))}
        </ul>
      )}
      <Pagination t={t} page={props.page} pageCount={props.pageCount} hrefFor={(p) => `/mi-cuenta/notificaciones?pagina=${p}`} />
    </Layout>
  );
}
