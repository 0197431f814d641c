import type { MsalTokenProvider } from '@microsoft/agents-hosting';
import { agentsHosting } from './agents-sdk';

/**
 * The Bot Connector REST API (`{serviceUrl}/v3/conversations/...`), for everything the Teams bot
 * sends: replies, cards in channels, their in-place updates, and proactive messages from a stored
 * conversation reference (any instance, any time). With an app id, each call carries a token for
 * https://api.botframework.com obtained with the app's secret; without one (local mode) none.
 * It takes plain references, so the notification outbox can send through it too.
 */
export interface ConnectorAddress {
  serviceUrl: string;
  conversationId: string;
}
export interface ConnectorActivity {
  type: 'message';
  text?: string;
  textFormat?: 'markdown' | 'plain' | 'xml';
  attachments?: Array<{ contentType: string; content: unknown }>;
  summary?: string;
  [k: string]: unknown;
}
export interface ConnectorMember {
  id: string;
  name: string | null;
  aadObjectId: string | null;
  email: string | null;
}
export interface ConnectorCredentials {
  appId?: string;
  password?: string;
  tenantId?: string;
}

export class ConnectorError extends Error {
  constructor(readonly status: number, what: string) {
    super(`Bot Connector ${what} answered ${status}`);
    this.name = 'ConnectorError';
  }
}

const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com';
const base = (serviceUrl: string) => serviceUrl.replace(/\/+$/, '');
const enc = encodeURIComponent;

export class BotConnectorClient {
  private readonly tokens: MsalTokenProvider | null;

  constructor(private readonly credentials: ConnectorCredentials = {}) {
    this.tokens = credentials.appId
      ? new (agentsHosting().MsalTokenProvider)({ clientId: credentials.appId, clientSecret: credentials.password, tenantId: credentials.tenantId })
      : null;
  }

  /** A new message in the conversation, or a reply in the thread of `replyToId` (a channel card's thread). */
  async post(to: ConnectorAddress, activity: ConnectorActivity, replyToId?: string): Promise<{ id: string }> {
    const path = `/v3/conversations/${enc(to.conversationId)}/activities${replyToId ? `/${enc(replyToId)}` : ''}`;
    const r = (await this.call('POST', to.serviceUrl, path, activity)) as { id?: string } | null;
    return { id: String(r?.id ?? '') };
  }

  /** Replaces a message for everyone who sees it (the card in a channel of any size). */
  async update(to: ConnectorAddress, activityId: string, activity: ConnectorActivity): Promise<void> {
    await this.call('PUT', to.serviceUrl, `/v3/conversations/${enc(to.conversationId)}/activities/${enc(activityId)}`, { ...activity, id: activityId });
  }

  /** Opens (or finds) the personal chat of the bot with a user of the tenant. */
  async createConversation(at: { serviceUrl: string; tenantId: string | null; botId: string | null }, userId: string): Promise<ConnectorAddress> {
    const body = {
      isGroup: false,
      bot: at.botId ? { id: at.botId } : undefined,
      members: [{ id: userId }],
      tenantId: at.tenantId ?? undefined,
      channelData: at.tenantId ? { tenant: { id: at.tenantId } } : undefined,
    };
    const r = (await this.call('POST', at.serviceUrl, '/v3/conversations', body)) as { id?: string } | null;
    if (!r?.id) throw new ConnectorError(502, 'createConversation (no id)');
    return { serviceUrl: at.serviceUrl, conversationId: r.id };
  }

  /** What the tenant's directory says of a conversation member (name, e-mail, AAD id); null when unknown. */
  async member(at: ConnectorAddress, userId: string): Promise<ConnectorMember | null> {
    try {
      const r = (await this.call('GET', at.serviceUrl, `/v3/conversations/${enc(at.conversationId)}/members/${enc(userId)}`)) as Record<string, unknown> | null;
      if (!r) return null;
      const s = (v: unknown) => (typeof v === 'string' && v ? v : null);
      return { id: String(r.id ?? userId), name: s(r.name), aadObjectId: s(r.aadObjectId), email: s(r.email) ?? s(r.userPrincipalName) };
    } catch (e) {
      if (e instanceof ConnectorError && e.status === 404) return null;
      throw e;
    }
  }

  /** A team's (or chat's) whole roster, page by page: the people an admin may name before they wrote to the bot. */
  async pagedMembers(serviceUrl: string, conversationId: string): Promise<ConnectorMember[]> {
    const out: ConnectorMember[] = [];
    const s = (v: unknown) => (typeof v === 'string' && v ? v : null);
    let token: string | null = null;
    for (let page = 0; page < 1000; page++) {
      const q: string = `?pageSize=500${token ? `&continuationToken=${enc(token)}` : ''}`;
      const r = (await this.call('GET', serviceUrl, `/v3/conversations/${enc(conversationId)}/pagedmembers${q}`)) as { members?: Array<Record<string, unknown>>; continuationToken?: string } | null;
      for (const m of r?.members ?? []) out.push({ id: String(m.id ?? ''), name: s(m.name), aadObjectId: s(m.aadObjectId), email: s(m.email) ?? s(m.userPrincipalName) });
      token = r?.continuationToken ?? null;
      if (!token) break;
    }
    return out;
  }

  /** The channels of a team the app was installed in. */
  async teamChannels(serviceUrl: string, teamId: string): Promise<Array<{ id: string; name: string | null }>> {
    const r = (await this.call('GET', serviceUrl, `/v3/teams/${enc(teamId)}/conversations`)) as { conversations?: Array<{ id?: string; name?: string }> } | null;
    return (r?.conversations ?? []).filter((c) => typeof c.id === 'string').map((c) => ({ id: c.id!, name: c.name ?? null }));
  }

  private async call(method: string, serviceUrl: string, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
    if (this.tokens) headers.authorization = `Bearer ${await this.tokens.getAccessToken(BOT_FRAMEWORK_SCOPE)}`;
    const url = base(serviceUrl) + path;
    // One quick retry for throttling and outages; longer outages wait for the outbox's backoff.
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(10000) });
      if ((res.status === 429 || res.status >= 500) && attempt === 0) {
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      const text = await res.text();
      if (!res.ok) throw new ConnectorError(res.status, `${method} ${path.split('/').slice(0, 4).join('/')}`);
      return text ? JSON.parse(text) : null;
    }
  }
}
