import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { slaQuickLook, rulesQuickLook } from '../sla/sla-quick-look.service';
import { applyChatPreferences } from '../notifications/chat-preferences.service';
import type { ChatIntent } from './chat-command';
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
  if (intent.kind === 'language') return answerLanguageWord(deps, actor, intent.locale);
  return null;
}
