import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { slaQuickLook, rulesQuickLook } from '../sla/sla-quick-look.service';
import { applyChatPreferences } from '../notifications/chat-preferences.service';
import type { ChatIntent } from './chat-command';
import { listGroupMaps, mapGroup } from '../directory/group-maps.service';
import { t } from '../i18n/translate';
import { answerLanguageWord } from './language-word';

/**
 * Chat words answered with one sentence or a short text, the same on Slack, Teams and the web:
 * `sla` and `rules` (a quick look for staff, R7 R13), `notifications [hourly] [email|sms|chat] [quiet]`
 * (R4: each person's choice). Null when the intent is not one of them; refusals are coded errors.
 */
export async function textAnswer(deps: CoreDeps, actor: Actor, intent: ChatIntent): Promise<string | null> {
  if (intent.kind === 'sla') return slaQuickLook(deps, actor);
  if (intent.kind === 'rules') return rulesQuickLook(deps, actor);
  if (intent.kind === 'notifications') return applyChatPreferences(deps, actor, intent);
  if (intent.kind === 'directory_map') {
    const m = await mapGroup(deps, actor, { group: intent.group, role: intent.role as 'technician' | 'manager' | 'admin', ...(intent.service ? { service: intent.service } : {}) });
    return t(actor.locale, 'chat.directory_mapped', { group: m.groupRef, role: t(actor.locale, `chat.role.${m.role}`), service: m.service ?? '' });
  }
  if (intent.kind === 'directory_groups') {
    const maps = await listGroupMaps(deps, actor);
    if (!maps.length) return t(actor.locale, 'chat.directory_none');
    return maps.map((m) => t(actor.locale, 'chat.directory_mapped', { group: m.groupRef, role: t(actor.locale, `chat.role.${m.role}`), service: m.service ?? '' })).join('\n');
  }
  if (intent.kind === 'language') return answerLanguageWord(deps, actor, intent.locale);
  return null;
}
