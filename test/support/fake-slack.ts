import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 standing in for the Slack Web API (SLACK_API_URL points here).
 * It records every call — method and body, form or JSON — and answers like Slack does, so the
 * tests assert what Slack would have received. `response_url` posts are recorded as 'response_url'.
 */
export interface SlackCall {
  method: string;
  body: Record<string, any>;
  /** What the fake answered (e.g. the `ts` of a posted message). */
  result?: Record<string, any>;
}
export interface FakeUser {
  id: string;
  name: string;
  email?: string;
  locale?: string;
}

export interface FakeSlack {
  apiUrl: string;
  calls: SlackCall[];
  addUser(u: FakeUser): void;
  responseUrl(id: string): string;
  /** Calls of one method (optionally filtered), in order. */
  of(method: string, where?: (b: Record<string, any>) => boolean): SlackCall[];
  /** Waits until `count` calls match (default 1), so tests follow the work done after the ack. */
  waitFor(method: string, where?: (b: Record<string, any>) => boolean, count?: number, timeoutMs?: number): Promise<SlackCall[]>;
  /** The next call (or `times` calls) of `method` answers `{ ok: false, error }`, as Slack does for a bad channel, a revoked token or an outage. */
  failNext(method: string, error: string, times?: number): void;
  /** Answers `method` with `fn` instead of the built-in answer (e.g. `apps.connections.open` for Socket Mode). */
  handle(method: string, fn: (body: Record<string, any>, headers: http.IncomingHttpHeaders) => Record<string, unknown> | number): void;
  server: http.Server;
  /** Slack down: every request (Web API and response_url) answers 503 until set back to false. */
  outage(down: boolean): void;
  /** Each answer waits this long (a slow Slack keeps work in flight). */
  slow(ms: number): void;
  reset(): void;
  close(): Promise<void>;
}

export const BOT_USER = 'UHELPBOT1';

function parseBody(raw: string, type: string | undefined): Record<string, any> {
  if (!raw) return {};
  if (type?.includes('json')) return JSON.parse(raw);
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    // The WebClient sends nested arguments (blocks, view) as JSON strings inside the form.
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}
const safeJson = (v: string) => {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};

/** Block Kit limits Slack enforces with `invalid_blocks`: 50 blocks in a message, 100 in a view, 3000 characters a text. */
export function blockKitProblems(blocks: unknown, maxBlocks: number): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return ['blocks is not an array'];
  const problems = blocks.length > maxBlocks ? [`${blocks.length} blocks > ${maxBlocks}`] : [];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${path}[${i}]`));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'text' && typeof v === 'string' && v.length > 3000) problems.push(`${path}.text has ${v.length} characters`);
        else walk(v, `${path}.${k}`);
      }
    }
  };
  walk(blocks, 'blocks');
  return problems;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  const users = new Map<string, FakeUser>();
  let seq = 0;
  const nextTs = () => `1767000000.${String(++seq).padStart(6, '0')}`;

  const failures = new Map<string, { error: string; left: number }>();
  const handlers = new Map<string, (body: Record<string, any>, headers: http.IncomingHttpHeaders) => Record<string, unknown> | number>();
  const answer = (method: string, body: Record<string, any>): Record<string, unknown> => {
    const failure = failures.get(method);
    if (failure) {
      if (--failure.left <= 0) failures.delete(method);
      return { ok: false, error: failure.error };
    }
    const isView = typeof body.view === 'object' && body.view !== null;
    const problems = blockKitProblems(isView ? body.view.blocks : body.blocks, isView ? 100 : 50);
    if (problems.length) return { ok: false, error: 'invalid_blocks', errors: problems };
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: BOT_USER, bot_id: 'BHELPBOT1', team_id: 'T0TEST', user: 'helpdesk' };
      case 'users.info': {
        const u = users.get(String(body.user));
        if (!u) return { ok: false, error: 'user_not_found' };
        return { ok: true, user: { id: u.id, name: u.name, real_name: u.name, locale: u.locale, profile: { email: u.email, real_name: u.name, display_name: u.name } } };
      }
      case 'chat.postMessage': {
        const ts = nextTs();
        return { ok: true, channel: body.channel, ts, message: { ts, text: body.text } };
      }
      case 'chat.update':
        return { ok: true, channel: body.channel, ts: body.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'views.open':
      case 'views.publish':
      case 'views.update':
        return { ok: true, view: { id: `V${++seq}`, ...(typeof body.view === 'object' ? body.view : {}) } };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(body.users).split(',')[0]}` } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  let down = false;
  let delayMs = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      if (down) {
        res.writeHead(503, { 'content-type': 'text/plain' }).end('unavailable');
        return;
      }
      const url = req.url ?? '/';
      let body: Record<string, any>;
      try {
        body = parseBody(Buffer.concat(chunks).toString('utf8'), req.headers['content-type']);
      } catch {
        res.writeHead(400).end();
        return;
      }
      if (url.startsWith('/response/')) {
        calls.push({ method: 'response_url', body: { ...body, responseId: url.slice('/response/'.length) } });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const method = url.replace(/^\/api\//, '').split('?')[0];
      const custom = handlers.get(method)?.(body, req.headers);
      if (typeof custom === 'number') {
        calls.push({ method, body, result: { status: custom } });
        res.writeHead(custom).end();
        return;
      }
      const result = custom ?? answer(method, body);
      calls.push({ method, body, result });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const of = (method: string, where: (b: Record<string, any>) => boolean = () => true) => calls.filter((c) => c.method === method && where(c.body));
  return {
    apiUrl: `${base}/api/`,
    calls,
    addUser: (u) => users.set(u.id, u),
    responseUrl: (id) => `${base}/response/${id}`,
    of,
    async waitFor(method, where, count = 1, timeoutMs = 10000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = of(method, where);
        if (found.length >= count) return found;
        if (Date.now() > until) {
          const seen = calls.map((c) => `${c.method} ${JSON.stringify(c.body).slice(0, 200)}`).join('\n');
          throw new Error(`waited ${timeoutMs} ms for ${count} × ${method}; Slack received:\n${seen}`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    failNext: (method, error, times = 1) => failures.set(method, { error, left: times }),
    handle: (method, fn) => handlers.set(method, fn),
    server,
    outage: (v) => void (down = v),
    slow: (ms) => void (delayMs = ms),
    reset: () => {
      down = false;
      delayMs = 0;
      calls.length = 0;
      failures.clear();
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
