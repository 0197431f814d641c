import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { t } from '../i18n/translate';
import type { Level } from '../tickets/ticket.entity';
import { createTicket } from '../tickets/create-ticket.service';
import { recordDeflection } from '../kb/record-deflection.service';
import { parseDirectMessage, parseHelpdeskCommand, parseTicketWords, titleFrom, type ChatIntent } from './chat-command';
import { CHAT_WORDS, type ChatWord, type Talk } from './conversation.words';
import type { ChatReply, PrefillForm, TalkCapabilities } from './chat-reply';

export interface TalkOptions {
  publicUrl: string;
  timeZone: string;
}

/** What the words mean where they were said: a DM, an @mention, or one of Slack's slash commands. */
export function intentOf(text: string, via: TalkCapabilities['via']): ChatIntent {
  if (via === 'ticket') return parseTicketWords(text);
  if (via === 'tickets') return { kind: 'my_tickets' };
  if (via === 'helpdesk') {
    // `/helpdesk bonjour` is still a greeting, not the help card.
    const direct = parseDirectMessage(text);
    return direct.kind === 'greeting' ? direct : parseHelpdeskCommand(text);
  }
  // An @mention in a channel reads like a direct message, on Slack and Teams alike.
  return parseDirectMessage(text);
}

/**
 * The one conversation (R1, R2, R15): a person's words, on any platform, become a neutral answer
 * that Slack, Teams and the web only draw. Which words work where, and the rule behind each, is
 * the word table (conversation.words.ts). Refusals from core are coded errors the bots put in words.
 */
export async function converse(deps: CoreDeps, actor: Actor, text: string, caps: TalkCapabilities, o: TalkOptions): Promise<ChatReply[]> {
  const intent = intentOf(text, caps.via);
  const word = CHAT_WORDS[intent.kind] as ChatWord<ChatIntent['kind']>;
  const c: Talk = { deps, actor, caps, ...o };
  if (!word.platforms.includes(caps.platform)) return [{ kind: 'say', text: t(actor.locale, 'talk.not_here') }];
  return word.answer(c, intent as never);
}

/** A button or a form under one of the conversation's answers. */
export type TalkAction =
  /** The report form sent: one form files one ticket, however often it is sent (`key`). */
  | { kind: 'file_form'; values: Record<string, unknown>; key?: string }
  /** "This solved it": files nothing, counts the deflection once per offer. */
  | { kind: 'solved'; article: number; offer: string }
  /** "Still need help": the report form, prefilled with the words the articles answered. */
  | { kind: 'need_help'; text: string };

const str = (v: Record<string, unknown>, k: string, max: number) => (typeof v[k] === 'string' && (v[k] as string).trim() ? (v[k] as string).slice(0, max) : undefined);

export async function act(deps: CoreDeps, actor: Actor, action: TalkAction): Promise<ChatReply[]> {
  const l = actor.locale;
  if (action.kind === 'need_help') {
    const text = action.text.slice(0, 2000);
    const prefill: PrefillForm = text ? { title: titleFrom(text), description: text } : {};
    return [{ kind: 'form', prefill }];
  }
  if (action.kind === 'solved') {
    const r = await recordDeflection(deps, actor, action.article, action.offer);
    return [{ kind: 'say', text: t(l, r.counted ? 'kb.solved_thanks' : 'kb.solved_again', { title: r.title }), plain: true, tone: 'good' }];
  }
  const v = action.values;
  const title = str(v, 'title', 500);
  if (!title) throw new HelpdeskError('validation_failed', {}, [{ path: 'title', message: 'required' }]);
  const input = { title, description: str(v, 'description', 20000), category: str(v, 'category', 100), urgency: str(v, 'urgency', 20) as Level | undefined };
  const r = await createTicket(deps, actor, { ...input, ...(action.key ? { idempotencyKey: action.key.slice(0, 190) } : {}) });
  const text = t(l, r.created ? 'chat.ticket_created' : 'chat.ticket_seen', { number: r.ticket.id, title: r.ticket.title });
  return [{ kind: 'filed', number: r.ticket.id, title: r.ticket.title, created: r.created, text, forCaller: false }];
}
