import type { Actor } from '../../core/shared/actor';
import type { CoreDeps } from '../../core/shared/deps';
import { isHelpdeskError } from '../../core/shared/errors';
import { errorMessage, t } from '../../core/i18n/translate';
import type { Locale, MessageKey } from '../../core/i18n/catalogue';
import { personFromPlatform } from '../../core/chat/chat-person.service';
import type { Person } from '../../core/people/person.entity';
import { TeamsActivity, userIdOf } from './activity';
import { chatFailureText } from '../http/outage';
import type { ChatCards } from '../../core/notifications/chat-cards.port';

/** What the bot sends through (adapters/teams/connector-client.ts, wired by main.ts): a port of the bot. */
export interface ConnectorAddress {
  serviceUrl: string;
  conversationId: string;
}
export type OutActivity = { type: 'message'; text?: string; textFormat?: 'markdown' | 'plain'; attachments?: Array<{ contentType: string; content: unknown }>; summary?: string };
export interface TeamsConnector {
  post(to: ConnectorAddress, activity: OutActivity, replyToId?: string): Promise<{ id: string }>;
  update(to: ConnectorAddress, activityId: string, activity: OutActivity): Promise<void>;
  createConversation(at: { serviceUrl: string; tenantId: string | null; botId: string | null }, userId: string): Promise<ConnectorAddress>;
  member(at: ConnectorAddress, userId: string): Promise<{ name: string | null; email: string | null; aadObjectId: string | null } | null>;
  teamChannels(serviceUrl: string, teamId: string): Promise<Array<{ id: string; name: string | null }>>;
  pagedMembers(serviceUrl: string, conversationId: string): Promise<Array<{ name: string | null; email: string | null; aadObjectId: string | null }>>;
}

export interface TeamsLog {
  warn(o: object, msg: string): void;
  error(o: object, msg: string): void;
}

/** What every Teams handler needs: core, the connector, where links point, a logger. No storage, no env. */
export interface TeamsContext {
  deps: CoreDeps;
  connector: TeamsConnector;
  publicUrl: string;
  timeZone: string;
  log: TeamsLog;
  /** The one ticket-card renderer (the outbox's too): the card an invoke answers with. */
  cards: ChatCards;
  /** Work after the answer (relayed messages); tests and shutdown can wait for it. */
  later(what: string, work: () => Promise<unknown>): void;
}

export const tr = (locale: Locale, key: `chat.${string}` | `teams.${string}` | MessageKey, params?: Record<string, unknown>) => t(locale, key as MessageKey, params);

export const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
export const cardMessage = (card: Record<string, unknown>, summary?: string): OutActivity => ({
  type: 'message',
  ...(summary ? { summary: summary.slice(0, 200) } : {}),
  attachments: [{ contentType: ADAPTIVE, content: card }],
});
export const textMessage = (text: string): OutActivity => ({ type: 'message', text, textFormat: 'markdown' });

/** The Teams user as a person of ours: by AAD object id, then by the e-mail the member look-up gives, else created. */
export async function teamsActor(ctx: TeamsContext, a: TeamsActivity): Promise<{ person: Person; actor: Actor }> {
  const userId = userIdOf(a);
  return personFromPlatform(ctx.deps, 'teams', userId, async () => {
    try {
      const m = await ctx.connector.member({ serviceUrl: a.serviceUrl, conversationId: a.conversation.id }, a.from.id);
      return { email: m?.email ?? null, name: m?.name || a.from.name || userId, locale: a.locale ?? null };
    } catch (err) {
      // Without the profile the person is still created, by AAD id; an admin can merge later.
      ctx.log.warn({ err, userId }, 'teams member look-up failed');
      return { email: null, name: a.from.name || userId, locale: a.locale ?? null };
    }
  });
}

/** A coded error becomes a sentence in the person's language (nothing was written); anything else is logged. */
export function explain(ctx: TeamsContext, locale: Locale, e: unknown): string {
  if (!isHelpdeskError(e)) ctx.log.error({ err: e }, 'teams handler failed');
  return chatFailureText(locale, e);
}
