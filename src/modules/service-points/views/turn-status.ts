import { formatDate, type Locale, type Translate } from '../../../core/i18n/i18n.ts';
import type { Booking } from '../bookings.queries.ts';

/**
 * A turn's status in words, the same for the desk and the holder: booked (or passed, for the
 * holder), cancelled, or what the desk recorded and when.
 */
export function turnStatusLabel(t: Translate, locale: Locale, booking: Pick<Booking, 'status' | 'startsAt' | 'markedAt'>, now?: Date): string {
  switch (booking.status) {
    case 'active':
      return now && booking.startsAt.getTime() <= now.getTime() ? t('service-points.turn.status_past') : t('service-points.turn.status_active');
    case 'cancelled':
      return t('service-points.turn.status_cancelled');
    case 'attended':
      return booking.markedAt ? t('service-points.turn.status_attended_on', { when: formatDate(locale, booking.markedAt, true) }) : t('service-points.turn.status_attended');
    case 'no_show':
      return booking.markedAt ? t('service-points.turn.status_no_show_on', { when: formatDate(locale, booking.markedAt, true) }) : t('service-points.turn.status_no_show');
  }
}
