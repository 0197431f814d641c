import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { t } from '../i18n/translate';
import type { Locale } from '../i18n/catalogue';
import type { NotificationWords } from './notification-words';
import type { PreferencesView } from './manage-preferences.service';
import { setPreferences } from './manage-preferences.service';

/** The sentence describing someone's choice, in their language. */
export function describePreferences(locale: Locale, p: PreferencesView, saved: boolean): string {
  return t(locale, saved ? 'notify.prefs_saved' : 'notify.prefs_shown', {
    channels: p.channels.length ? p.channels.join(', ') : t(locale, 'notify.channels_default'),
    rhythm: t(locale, `notify.rhythm.${p.rhythm}`),
    quiet: p.quietHours ? t(locale, 'notify.quiet') : '',
  });
}

/**
 * The chat words `notifications` (at each change) and `notifications hourly` (one digest per hour),
 * optionally with channels (`email`, `sms`, `chat`) and `quiet`: saves the choice and says it back.
 * Slack and Teams call this for the intent kind 'notifications' of core/chat/chat-command.ts.
 */
export async function applyChatPreferences(deps: CoreDeps, actor: Actor, words: NotificationWords): Promise<string> {
  if (words.unknown?.length) return t(actor.locale, 'notify.prefs_usage');
  const saved = await setPreferences(deps, actor, { rhythm: words.rhythm, channels: words.channels, quietHours: words.quietHours });
  return describePreferences(actor.locale, saved, true);
}
