import { formatDate, type Locale, type Translate } from '../../../core/i18n/i18n.ts';
import type { Booking } from '../bookings.queries.ts';

/**
 * A turn's status in words, the same for the desk and the holder: booked (or passed, for the
 * holder), cancelled, or what the desk recorded and when (a marked turn always has its time: the
 * table's CHECK holds them together).
 */
export function turnStatusLabel(t: Translate, locale: Locale, booking: Pick<Booking, 'status' | 'startsAt' | 'markedAt'>, now?: Date): string {
  switch (booking.status) {
    case 'active':
      return now && booking.startsAt.getTime() <= now.getTime() ? t('service-points.turn.status_past') : t('service-points.turn.status_active');
    case 'cancelled':
      return t('service-points.turn.status_cancelled');
    case 'attended':
    case 'no_show':
      return t(`service-points.turn.status_${booking.status}_on`, { when: formatDate(locale, booking.markedAt!, true) });
  }
}
