import { stripBotMention } from '../../core/chat/chat-command';
import type { ConversationRef, ConversationType } from '../../core/chat/conversation-ref.port';

/** The fields of a Teams activity the bot reads; everything else the Bot Framework sends is ignored. */
export interface TeamsActivity {
  id?: string;
  type: string;
  name?: string;
  text?: string;
  value?: unknown;
  locale?: string;
  replyToId?: string;
  serviceUrl: string;
  from: { id: string; name?: string; aadObjectId?: string };
  recipient?: { id: string; name?: string };
  conversation: { id: string; conversationType?: string; tenantId?: string };
  channelData?: { tenant?: { id?: string }; team?: { id?: string; name?: string }; channel?: { id?: string; name?: string }; eventType?: string };
  membersAdded?: Array<{ id: string }>;
  entities?: Array<{ type?: string; text?: string; mentioned?: { id?: string; name?: string } }>;
  action?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Only an activity with the fields the handlers read gets to them; the rest is a 400. */
export function asTeamsActivity(body: unknown): TeamsActivity | null {
  if (!isObject(body) || typeof body.type !== 'string' || typeof body.serviceUrl !== 'string') return null;
  if (!isObject(body.from) || typeof body.from.id !== 'string' || !isObject(body.conversation) || typeof body.conversation.id !== 'string') return null;
  return body as unknown as TeamsActivity;
}

/** Our person key for a Teams user: the AAD object id (lower case), else the Bot Framework id. */
export const userIdOf = (a: TeamsActivity) => (a.from.aadObjectId ?? a.from.id).toLowerCase();

export const conversationTypeOf = (a: TeamsActivity): ConversationType =>
  a.conversation.conversationType === 'channel' ? 'channel' : a.conversation.conversationType === 'groupChat' ? 'groupChat' : 'personal';

/** A channel post's conversation id is `<channel>;messageid=<root>`: the channel, and the thread it is in. */
export function channelThread(a: TeamsActivity): { channelId: string; rootId: string | null } {
  const [channel, suffix] = a.conversation.id.split(';messageid=');
  return { channelId: a.channelData?.channel?.id ?? channel, rootId: suffix ?? a.replyToId ?? null };
}

export const tenantOf = (a: TeamsActivity) => a.conversation.tenantId ?? a.channelData?.tenant?.id ?? null;

/** Where this conversation lives, to be stored (every contact) for proactive messages from any instance. */
export function referenceOf(a: TeamsActivity): ConversationRef {
  const type = conversationTypeOf(a);
  const channelId = type === 'channel' ? channelThread(a).channelId : null;
  return {
    platform: 'teams',
    conversationId: type === 'channel' ? channelId! : a.conversation.id,
    conversationType: type,
    serviceUrl: a.serviceUrl,
    tenantId: tenantOf(a),
    botId: a.recipient?.id ?? null,
    userId: type === 'personal' ? userIdOf(a) : null,
    teamId: a.channelData?.team?.id ?? null,
    channelId,
  };
}

/**
 * What the person said: the bot's own `<at>Helpdesk</at>` removed, anyone else's mention kept as
 * `@mention:<their Bot Framework id>` so a command such as `role @Théo technician` can name them.
 */
export function spokenText(a: TeamsActivity): string {
  let text = (a.text ?? '').replace(/&nbsp;/g, ' ');
  for (const e of a.entities ?? []) {
    if (e.type !== 'mention' || typeof e.text !== 'string' || !e.mentioned?.id) continue;
    text = text.replace(e.text, e.mentioned.id === a.recipient?.id ? ' ' : ` ${MENTION}${e.mentioned.id} `);
  }
  return stripBotMention(text.replace(/<at>[^<]*<\/at>/gi, ' '));
}
export const MENTION = '@mention:';
