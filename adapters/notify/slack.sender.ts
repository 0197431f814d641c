import type { Sender } from '../../core/notifications/sender.port';
import { SendFailure } from '../../core/notifications/sender.port';
import type { OutboxEntry } from '../../core/notifications/outbox.port';
import type { RenderedMessage } from '../../core/notifications/render';
import type { UnitOfWork } from '../../core/shared/store.port';
import { httpFailure } from './http-failure';

/** Slack errors that no retry will cure. */
const PERMANENT = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'user_not_found', 'account_inactive', 'invalid_auth', 'not_authed', 'cannot_dm_bot', 'user_disabled', 'msg_too_long']);

export interface SlackSenderOptions {
  botToken: string;
  apiUrl: string;
  uow: UnitOfWork;
  timeoutMs?: number;
}

/**
 * Slack direct messages (to a user id) and channel posts (to a channel id) through the Web API.
 * A requester's message goes to the ticket's DM thread when the bot opened one, broadcast to the DM,
 * so their reply lands on the ticket. Called over fetch, not WebClient, so that the outbox alone
 * decides about retries (WebClient would retry on its own and hide Retry-After).
 */
export class SlackSender implements Sender {
  readonly channel = 'slack' as const;
  constructor(private readonly o: SlackSenderOptions) {}

  async send(m: RenderedMessage, e: OutboxEntry): Promise<void> {
    const isUser = /^[UW][A-Z0-9]+$/.test(e.address);
    let channel = e.address;
    let thread: string | undefined;
    if (isUser) {
      const dm = e.ticketId !== null ? (await this.o.uow.read.chat.messagesOf(e.ticketId, 'slack')).find((x) => x.kind === 'requester_dm') : undefined;
      if (dm) [channel, thread] = [dm.channelId, dm.threadTs];
      else channel = String(((await this.call('conversations.open', { users: e.address })) as { channel?: { id?: string } }).channel?.id ?? '');
      if (!channel) throw new SendFailure('slack conversations.open gave no channel');
    }
    const blocks = m.link
      ? [
          { type: 'section', text: { type: 'plain_text', text: m.chat.slice(0, 3000) } },
          { type: 'context', elements: [{ type: 'mrkdwn', text: `<${m.link}|${m.link.replace(/^https?:\/\//, '')}>` }] },
        ]
      : undefined;
    const where = thread ? { thread_ts: thread, reply_broadcast: true } : {};
    await this.call('chat.postMessage', { channel, text: m.chat, ...(blocks ? { blocks } : {}), ...where, unfurl_links: false });
  }

  private async call(method: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const res = await fetch(new URL(method, this.o.apiUrl.endsWith('/') ? this.o.apiUrl : this.o.apiUrl + '/'), {
      method: 'POST',
      headers: { authorization: `Bearer ${this.o.botToken}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
    });
    if (!res.ok) throw httpFailure(`slack ${method}`, res);
    const json = (await res.json()) as Record<string, unknown>;
    if (json.ok !== true) {
      const error = String(json.error ?? 'unknown_error');
      if (error === 'ratelimited') throw new SendFailure(`slack ${method}: ratelimited`, { retryAfterMs: 1000 });
      throw new SendFailure(`slack ${method}: ${error}`, { permanent: PERMANENT.has(error) });
    }
    return json;
  }
}
