import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../core/shared/actor';
import type { CoreDeps } from '../../core/shared/deps';
import { isHelpdeskError } from '../../core/shared/errors';
import { errorMessage, t } from '../../core/i18n/translate';
import type { Locale, MessageKey } from '../../core/i18n/catalogue';
import { personFromPlatform } from '../../core/chat/chat-person.service';
import type { Person } from '../../core/people/person.entity';
import type { WorkLimit } from './work-limit';
import { chatFailureText } from '../http/outage';
import type { ChatCards } from '../../core/notifications/chat-cards.port';

export interface SlackLog {
  warn(o: object, msg: string): void;
  error(o: object, msg: string): void;
}

/** What every Slack handler needs: core, where links point, and a logger. No storage, no env. */
export interface SlackContext {
  deps: CoreDeps;
  publicUrl: string;
  timeZone: string;
  log: SlackLog;
  /** Post-ack work runs through this, a bounded number at a time (see work-limit.ts). */
  work: WorkLimit;
  /** The one ticket-card renderer (the outbox's too): what a presser sees at once. */
  cards: ChatCards;
}

export const tr = (locale: Locale, key: `chat.${string}` | MessageKey, params?: Record<string, unknown>) => t(locale, key as MessageKey, params);

/** The Slack user as a person of ours (matched by id, then by the e-mail Slack knows, else created). */
export async function slackActor(ctx: SlackContext, client: WebClient, userId: string): Promise<{ person: Person; actor: Actor }> {
  return personFromPlatform(ctx.deps, 'slack', userId, async () => {
    try {
      const r = await client.users.info({ user: userId, include_locale: true });
      const u = r.user;
      if (!u) return null;
      return { email: u.profile?.email ?? null, name: u.real_name || u.profile?.real_name || u.name || userId, locale: u.locale ?? null };
    } catch (err) {
      // Without the profile the person is still created, by Slack id; an admin can merge later.
      ctx.log.warn({ err, userId }, 'users.info failed');
      return null;
    }
  });
}

/**
 * Slack unreachable, overloaded or rate limiting (the Web API, or a response_url): worth trying again
 * later. A refusal (channel_not_found, an expired trigger) is not.
 */
export function isPlatformOutage(e: unknown): boolean {
  const err = e as { code?: unknown; statusCode?: unknown; name?: unknown; message?: unknown } | null;
  if (!err || typeof err !== 'object') return false;
  const status = typeof err.statusCode === 'number' ? err.statusCode : 0;
  if (err.code === 'slack_webapi_request_error' || err.code === 'slack_webapi_rate_limited_error') return true;
  if (err.code === 'slack_webapi_http_error' || err.code === 'slack_bolt_respond_error') return status >= 500 || status === 429 || status === 408;
  return err.name === 'TypeError' && err.message === 'fetch failed';
}

/**
 * Runs the work after the ack; a coded error becomes a friendly sentence for the person (nothing was
 * written: core changes are all-or-nothing), anything else is logged and told as an internal error.
 */
export async function guarded(ctx: SlackContext, locale: Locale, tell: (text: string) => Promise<unknown>, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e) {
    // Slack down while answering: the stored input is worked on again later (core calls are idempotent).
    if (isPlatformOutage(e)) throw e;
    if (!isHelpdeskError(e)) ctx.log.error({ err: e }, 'slack handler failed');
    const text = chatFailureText(locale, e);
    await tell(text).catch((err) => ctx.log.error({ err }, 'could not tell the user about an error'));
  }
}

/** The bot's direct-message channel with a user. */
export async function dmChannel(client: WebClient, userId: string): Promise<string> {
  const r = await client.conversations.open({ users: userId });
  if (!r.channel?.id) throw new Error('conversations.open returned no channel');
  return r.channel.id;
}

export const ephemeral = (client: WebClient, channel: string, user: string) => (text: string) => client.chat.postEphemeral({ channel, user, text });

/** Resolves the Slack user, then runs the work guarded in their language. */
export async function asPerson(
  ctx: SlackContext,
  client: WebClient,
  userId: string,
  tell: (text: string) => Promise<unknown>,
  work: (actor: Actor, person: Person) => Promise<void>,
): Promise<void> {
  await ctx.work.run(async () => {
    let who: { person: Person; actor: Actor } | undefined;
    await guarded(ctx, ctx.deps.defaultLocale, tell, async () => {
      who = await slackActor(ctx, client, userId);
    });
    if (who) await guarded(ctx, who.actor.locale, tell, () => work(who!.actor, who!.person));
  });
}

/** Tells a user something privately where there is no channel to be ephemeral in (modals, the Home tab). */
export const directMessage = (client: WebClient, userId: string) => async (text: string) => client.chat.postMessage({ channel: await dmChannel(client, userId), text });
