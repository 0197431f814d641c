import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 standing in for the Bot Connector service: activities sent by the
 * tests carry `serviceUrl` = this server, so every reply, card, update and proactive message of the
 * bot lands here. It records each POST/PUT under /v3/conversations (and every GET), answers member
 * look-ups from its own directory, lists a team's channels, and opens personal conversations.
 */
export interface ConnectorCall {
  method: string;
  path: string;
  /** The conversation in the path (decoded), or null for POST /v3/conversations. */
  conversationId: string | null;
  /** PUT: the activity replaced; POST .../activities/{id}: the activity replied to. */
  activityId: string | null;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The id the fake gave a posted activity. */
  id?: string;
  authorization?: string;
}
export interface FakeTeamsUser {
  /** Bot Framework id, e.g. 29:alice. */
  id: string;
  aadObjectId: string;
  name: string;
  email?: string;
  locale?: string;
}

export interface FakeBotConnector {
  serviceUrl: string;
  calls: ConnectorCall[];
  addUser(u: FakeTeamsUser): void;
  setTeamChannels(teamId: string, channels: Array<{ id: string; name: string }>): void;
  /** The team's members as `/v3/conversations/{teamId}/pagedmembers` gives them (two at a time, to page). */
  setRoster(teamId: string, members: FakeTeamsUser[]): void;
  /** Posts and puts (the GETs of look-ups left out), optionally filtered. */
  sent(where?: (c: ConnectorCall) => boolean): ConnectorCall[];
  waitFor(where: (c: ConnectorCall) => boolean, count?: number, timeoutMs?: number): Promise<ConnectorCall[]>;
  /** The next call matching answers this HTTP status. */
  failNext(where: (c: ConnectorCall) => boolean, status: number): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeBotConnector(): Promise<FakeBotConnector> {
  const calls: ConnectorCall[] = [];
  const users = new Map<string, FakeTeamsUser>();
  const teams = new Map<string, Array<{ id: string; name: string }>>();
  const rosters = new Map<string, FakeTeamsUser[]>();
  let failures: Array<{ where: (c: ConnectorCall) => boolean; status: number }> = [];
  let seq = 0;
  const waiters = new Set<() => unknown>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://fake');
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      let body: unknown = null;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        body = raw;
      }
      const call: ConnectorCall = {
        method: req.method ?? 'GET',
        path: url.pathname,
        conversationId: parts[1] === 'conversations' && parts[2] ? parts[2] : null,
        activityId: parts[3] === 'activities' && parts[4] ? parts[4] : null,
        body,
        authorization: req.headers.authorization,
      };
      const answer = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      const failure = failures.find((f) => f.where(call));
      if (failure) {
        failures = failures.filter((f) => f !== failure);
        calls.push(call);
        return answer(failure.status, { error: { code: 'ServiceError', message: 'failing on purpose' } });
      }
      if (parts[0] !== 'v3') return answer(404, { error: { code: 'NotFound' } });
      if (call.method === 'GET' && parts[1] === 'teams' && parts[3] === 'conversations') {
        calls.push(call);
        return answer(200, { conversations: teams.get(parts[2]) ?? [] });
      }
      if (call.method === 'GET' && parts[3] === 'pagedmembers') {
        calls.push(call);
        const all = rosters.get(parts[2]) ?? [];
        const from = Number(url.searchParams.get('continuationToken') ?? 0);
        const members = all.slice(from, from + 2).map((u) => ({ id: u.id, name: u.name, aadObjectId: u.aadObjectId, email: u.email, userPrincipalName: u.email, tenantId: 'tenant-1' }));
        return answer(200, from + 2 < all.length ? { members, continuationToken: String(from + 2) } : { members });
      }
      if (call.method === 'GET' && parts[3] === 'members' && parts[4]) {
        calls.push(call);
        const u = users.get(parts[4]);
        if (!u) return answer(404, { error: { code: 'MemberNotFound' } });
        return answer(200, { id: u.id, name: u.name, aadObjectId: u.aadObjectId, email: u.email, userPrincipalName: u.email, tenantId: 'tenant-1' });
      }
      if (call.method === 'POST' && parts.length === 2 && parts[1] === 'conversations') {
        call.id = `a:personal-${String((body as any)?.members?.[0]?.id ?? 'x')}`; // eslint-disable-line @typescript-eslint/no-explicit-any
        calls.push(call);
        wake();
        return answer(201, { id: call.id });
      }
      if ((call.method === 'POST' || call.method === 'PUT') && parts[3] === 'activities') {
        call.id = call.method === 'PUT' ? call.activityId! : `act-${++seq}`;
        calls.push(call);
        wake();
        return answer(200, { id: call.id });
      }
      calls.push(call);
      answer(404, { error: { code: 'NotFound' } });
    });
  });
  const wake = () => waiters.forEach((w) => w());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const sent = (where: (c: ConnectorCall) => boolean = () => true) => calls.filter((c) => c.method !== 'GET' && where(c));

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    addUser: (u) => users.set(u.id, u),
    setTeamChannels: (teamId, channels) => teams.set(teamId, channels),
    setRoster: (teamId, members) => void rosters.set(teamId, members),
    sent,
    waitFor: (where, count = 1, timeoutMs = 8000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = sent(where);
          if (found.length < count) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`fake Bot Connector: ${sent(where).length} of ${count} expected calls after ${timeoutMs} ms; sent: ${JSON.stringify(sent().map((c) => `${c.method} ${c.path}`))}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      }),
    failNext: (where, status) => failures.push({ where, status }),
    reset: () => {
      calls.length = 0;
      failures = [];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
