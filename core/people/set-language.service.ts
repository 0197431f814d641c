import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { isLocale } from '../i18n/translate';
import type { Locale } from '../i18n/catalogue';
import { audit } from '../tickets/ticket-change';

/**
 * Each person chooses their own language (web settings, `langue en` / `language fr` in chat); it wins
 * over the platform's and the deployment's default everywhere: pages, chat, notifications.
 */
export async function setMyLanguage(deps: CoreDeps, actor: Actor, locale: unknown): Promise<Locale> {
  if (actor.personId === null) throw new HelpdeskError('forbidden');
  if (typeof locale !== 'string' || !isLocale(locale)) {
    throw new HelpdeskError('validation_failed', {}, [{ path: 'locale', message: 'use fr or en' }]);
  }
  const personId = actor.personId;
  await deps.uow.transaction(async (store) => {
    const before = await store.people.get(personId);
    if (!before) throw new HelpdeskError('person_not_found', { who: String(personId) });
    if (before.locale === locale) return;
    await store.people.update(personId, { locale });
    await audit({ store, actor, now: deps.clock.now() }, null, 'person_updated', { locale: before.locale }, { locale }, 'person', personId);
  });
  return locale;
}
