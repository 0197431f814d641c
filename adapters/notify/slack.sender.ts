import type { Sender } from '../../core/notifications/sender.port';
import { SendFailure } from '../../core/notifications/sender.port';
import type { OutboxEntry } from '../../core/notifications/outbox.port';
import type { RenderedMessage } from '../../core/notifications/render';
import type { UnitOfWork } from '../../core/shared/store.port';
import { httpFailure } from './http-failure';
import { CARD_EVENTS, type ChatCards } from '../../core/notifications/chat-cards.port';

/** Slack errors that no retry will cure. */
const PERMANENT = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'user_not_found', 'account_inactive', 'invalid_auth', 'not_authed', 'cannot_dm_bot', 'user_disabled', 'msg_too_long']);

export interface SlackSenderOptions {
  botToken: string;
  apiUrl: string;
  uow: UnitOfWork;
  timeoutMs?: number;
  /** Technician cards for tickets and changes that came from elsewhere (core/notifications/plan-chat-cards.ts). */
  cards?: ChatCards;
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
    if (e.event === CARD_EVENTS.post || e.event === CARD_EVENTS.refresh) return this.card(e);
    if (e.event === CARD_EVENTS.thread) return this.threadComment(e);
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
    const r = await this.call('chat.postMessage', { channel, text: m.chat, ...(blocks ? { blocks } : {}), ...where, unfurl_links: false });
    // The first message to someone about a ticket opens its DM thread: their reply there reaches the technicians.
    if (isUser && !thread && e.ticketId !== null && typeof r.ts === 'string') {
      const record = { ticketId: e.ticketId, platform: 'slack' as const, channelId: channel, messageTs: r.ts, threadTs: r.ts, kind: 'requester_dm' as const };
      // Delivered already: a failure to record must not make the outbox send it again.
      await this.o.uow.transaction((s) => s.chat.recordMessage(record, new Date())).catch(() => undefined);
    }
  }

  /** Posts a ticket's card in a queue channel (recorded, so later changes and replies find it), or refreshes one in place. */
  private async card(e: OutboxEntry): Promise<void> {
    if (!this.o.cards || e.ticketId === null) throw new SendFailure('slack: no card renderer', { permanent: true });
    const { text, blocks } = await this.o.cards.slack(e.ticketId);
    if (e.event === CARD_EVENTS.refresh) {
      // A card Slack will never update (deleted, too old) still gets the line in its thread; an outage retries both.
      await this.call('chat.update', { channel: e.address, ts: String(e.params.messageTs), text, blocks }).catch((err) => {
        if (!(err instanceof SendFailure && /message_not_found|cant_update_message|edit_window_closed/.test(err.message))) throw err;
      });
      await this.call('chat.postMessage', { channel: e.address, thread_ts: String(e.params.threadTs), text: this.o.cards.line((e.params.line ?? {}) as Record<string, unknown>) });
      return;
    }
    const r = await this.call('chat.postMessage', { channel: e.address, text, blocks, unfurl_links: false });
    const ts = typeof r.ts === 'string' ? r.ts : null;
    if (!ts) return;
    const record = { ticketId: e.ticketId, platform: 'slack' as const, channelId: e.address, messageTs: ts, threadTs: ts, kind: 'card' as const };
    // Posted already: failing to record it (or to add the suggestions) must not post it twice.
    await this.o.uow.transaction((s) => s.chat.recordMessage(record, new Date())).catch(() => undefined);
    // What a technician should read first: related articles and similar resolved tickets, under the card.
    const suggestions = await this.o.cards.slackSuggestions(e.ticketId).catch(() => null);
    if (suggestions) await this.call('chat.postMessage', { channel: e.address, thread_ts: ts, ...suggestions, unfurl_links: false }).catch(() => undefined);
  }

  /** A comment written elsewhere (the requester's chat, the web, mail, the other platform) in a card's thread. */
  private async threadComment(e: OutboxEntry): Promise<void> {
    if (!this.o.cards) throw new SendFailure('slack: no card renderer', { permanent: true });
    await this.call('chat.postMessage', { channel: e.address, thread_ts: String(e.params.threadTs), text: this.o.cards.comment(e.params, 'slack'), unfurl_links: false });
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
