import type { DeliveryChannel, Rhythm } from './outbox.port';

/** What `notifications ...` said: the rhythm (at each change unless "hourly"), channels, quiet hours. */
export interface NotificationWords {
  rhythm: Rhythm;
  channels?: DeliveryChannel[];
  quietHours?: boolean;
  /** Words that mean nothing here: the bot answers with the usage line instead of guessing. */
  unknown?: string[];
}

const RHYTHM: Record<string, Rhythm> = {
  hourly: 'hourly', horaire: 'hourly', heure: 'hourly', digest: 'hourly', 'récapitulatif': 'hourly', recap: 'hourly',
  immediate: 'immediate', 'immédiat': 'immediate', immediat: 'immediate', now: 'immediate', each: 'immediate', chaque: 'immediate',
};
const CHANNEL: Record<string, DeliveryChannel> = {
  email: 'email', 'e-mail': 'email', mail: 'email', courriel: 'email', sms: 'sms', texto: 'sms', slack: 'slack', teams: 'teams',
};
const QUIET: Record<string, boolean> = { quiet: true, silence: true, calme: true, loud: false, always: false, toujours: false };

export function parseNotificationWords(rest: string): NotificationWords {
  const out: NotificationWords = { rhythm: 'immediate' };
  const channels: DeliveryChannel[] = [];
  const unknown: string[] = [];
  for (const raw of rest.toLowerCase().split(/[\s,]+/).filter(Boolean)) {
    if (raw in RHYTHM) out.rhythm = RHYTHM[raw];
    else if (raw in CHANNEL) channels.push(CHANNEL[raw]);
    else if (raw === 'chat') channels.push('slack', 'teams');
    else if (raw in QUIET) out.quietHours = QUIET[raw];
    else unknown.push(raw);
  }
  if (channels.length) out.channels = [...new Set(channels)];
  if (unknown.length) out.unknown = unknown;
  return out;
}
