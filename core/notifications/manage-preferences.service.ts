import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import { audit } from '../tickets/ticket-change';
import { findPerson } from '../people/person.lookup';
import type { NotificationPreferences } from './outbox.port';
import { defaultPreferences } from './recipient-routing';
import { preferencesSchema, PreferencesInput } from './notification.schemas';

export interface PreferencesView extends NotificationPreferences {
  /** True while the person never chose: the defaults apply (chat, else e-mail; at each change). */
  isDefault: boolean;
}

/** Whose preferences: one's own, or anyone's for an admin. */
async function target(deps: CoreDeps, actor: Actor, who: string | number | 'me'): Promise<number> {
  if (who === 'me' || who === actor.personId) {
    if (actor.personId === null) throw new HelpdeskError('validation_failed', {}, [{ path: 'person', message: 'this token has no person' }]);
    return actor.personId;
  }
  if (actor.role !== 'admin') throw new HelpdeskError('forbidden');
  return (await findPerson(deps.uow.read, who)).id;
}

export async function getPreferences(deps: CoreDeps, actor: Actor, who: string | number | 'me' = 'me'): Promise<PreferencesView> {
  const personId = await target(deps, actor, who);
  const stored = await deps.uow.read.notifications.preferences(personId);
  return { ...(stored ?? defaultPreferences(personId)), isDefault: stored === null };
}

/** R4: each person picks channels and rhythm (at each change, or an hourly digest) and quiet hours. */
export async function setPreferences(deps: CoreDeps, actor: Actor, raw: PreferencesInput, who: string | number | 'me' = 'me'): Promise<PreferencesView> {
  const input = parse(preferencesSchema, raw);
  const personId = await target(deps, actor, who);
  return deps.uow.transaction(async (store) => {
    const now = deps.clock.now();
    const before = (await store.notifications.preferences(personId)) ?? defaultPreferences(personId);
    const after: NotificationPreferences = {
      personId,
      channels: input.channels ? [...new Set(input.channels)] : before.channels,
      rhythm: input.rhythm ?? before.rhythm,
      quietHours: input.quietHours ?? before.quietHours,
    };
    await store.notifications.setPreferences(after, now);
    const { personId: _b, ...b } = before;
    const { personId: _a, ...a } = after;
    await audit({ store, actor, now }, null, 'notification_preferences_changed', b, a, 'person', personId);
    return { ...after, isDefault: false };
  });
}
