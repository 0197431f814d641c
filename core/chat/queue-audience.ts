import type { Actor } from '../shared/actor';
import type { Locale } from '../i18n/catalogue';

/**
 * Who reads a service's queue channel: its technicians, no one in particular. What the bot posts
 * there unasked (suggestions under a new card) is read as them, so a channel never shows another
 * service's tickets (R9 least privilege); an unrouted ticket's channels see only unrouted tickets.
 */
export function queueAudience(serviceId: number | null, locale: Locale): Actor {
  return { personId: null, role: 'technician', serviceIds: serviceId === null ? [] : [serviceId], channel: 'slack', name: 'queue', locale };
}
