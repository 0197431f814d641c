import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import type { FakeSlack } from './fake-slack';

/**
 * Slack's Socket Mode side, on the fake Slack's own server: `apps.connections.open` (checked against
 * the app-level token) hands out a ws:// URL on 127.0.0.1, the WebSocket says `hello`, carries
 * envelopes (`events_api`, `slash_commands`, `interactive`) and waits for each acknowledgement
 * `{envelope_id, payload}`. Like Slack, an envelope not acknowledged when its socket goes away is
 * delivered again on the next connection with `retry_attempt` one higher; `disconnect` messages and
 * dropped sockets make the client reconnect through `apps.connections.open`.
 */
export const APP_TOKEN = 'xapp-1-A0TEST-1-test-app-level-token';

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';
export interface Ack {
  envelopeId: string;
  payload: Record<string, unknown>;
  retryAttempt: number;
}
export interface FakeSlackSocket {
  /** Calls of apps.connections.open, and WebSocket connections accepted. */
  readonly opens: number;
  readonly connections: number;
  /** Resolves once a WebSocket is open and has been sent `hello` (waits for a reconnect too). */
  connected(timeoutMs?: number): Promise<void>;
  /** Sends one envelope (queued while no socket is open) and resolves with its acknowledgement. */
  deliver(type: EnvelopeType, payload: Record<string, unknown>, opts?: { retryAttempt?: number; retryReason?: string; timeoutMs?: number }): Promise<Ack>;
  /** Slack's `{"type":"disconnect"}`, e.g. `refresh_requested` before a pod goes away. */
  disconnect(reason?: string): void;
  /** The connection breaks without a close handshake. */
  drop(): void;
  /** The next `n` calls of apps.connections.open fail: an HTTP 500 or a Slack error. */
  failOpens(n: number, how?: 'http_500' | 'internal_error'): void;
  close(): Promise<void>;
}

interface Pending {
  envelope: Record<string, unknown> & { envelope_id: string; retry_attempt: number };
  resolve(a: Ack): void;
  sentOn: WebSocket | null;
}

export function attachSocketMode(fake: FakeSlack): FakeSlackSocket {
  const wss = new WebSocketServer({ noServer: true });
  let opens = 0;
  let connections = 0;
  let seq = 0;
  let failing: { n: number; how: 'http_500' | 'internal_error' } = { n: 0, how: 'http_500' };
  let current: WebSocket | null = null;
  const pending = new Map<string, Pending>();
  const waiters: Array<() => void> = [];
  const tickets = new Set<string>();

  fake.handle('apps.connections.open', (_body, headers) => {
    opens++;
    if (headers.authorization !== `Bearer ${APP_TOKEN}`) return { ok: false, error: 'invalid_auth' };
    if (failing.n > 0) {
      failing.n--;
      return failing.how === 'http_500' ? 500 : { ok: false, error: 'internal_error' };
    }
    const ticket = `t${++seq}`;
    tickets.add(ticket);
    const { port } = fake.server.address() as { port: number };
    return { ok: true, url: `ws://127.0.0.1:${port}/link/?ticket=${ticket}&app_id=A0TEST` };
  });

  const send = (p: Pending) => {
    if (!current || current.readyState !== WebSocket.OPEN) return;
    p.sentOn = current;
    current.send(JSON.stringify(p.envelope));
  };

  fake.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const ticket = url.searchParams.get('ticket') ?? '';
    // A WebSocket URL is good for one connection, as Slack's are.
    if (url.pathname !== '/link/' || !tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      connections++;
      current = ws;
      const ping = setInterval(() => ws.readyState === WebSocket.OPEN && ws.ping(), 2000);
      ws.on('message', (data) => {
        let msg: { envelope_id?: string; payload?: Record<string, unknown> };
        try {
          msg = JSON.parse(String(data));
        } catch {
          return;
        }
        const p = msg.envelope_id ? pending.get(msg.envelope_id) : undefined;
        if (!p) return;
        pending.delete(msg.envelope_id!);
        p.resolve({ envelopeId: msg.envelope_id!, payload: msg.payload ?? {}, retryAttempt: p.envelope.retry_attempt });
      });
      ws.on('close', () => {
        clearInterval(ping);
        if (current === ws) current = null;
        // Unacknowledged envelopes come again on the next connection, one retry higher.
        for (const p of pending.values()) {
          if (p.sentOn === ws) {
            p.sentOn = null;
            p.envelope.retry_attempt++;
            p.envelope.retry_reason = 'timeout';
          }
        }
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake-slack', approximate_connection_time: 3600 }, connection_info: { app_id: 'A0TEST' } }));
      for (const p of pending.values()) if (!p.sentOn) send(p);
      waiters.splice(0).forEach((w) => w());
    });
  });

  return {
    get opens() {
      return opens;
    },
    get connections() {
      return connections;
    },
    async connected(timeoutMs = 15000) {
      if (current?.readyState === WebSocket.OPEN) return;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no Socket Mode connection within ${timeoutMs} ms (${opens} apps.connections.open calls)`)), timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    deliver(type, payload, opts = {}) {
      const envelopeId = `env-${Date.now().toString(36)}-${++seq}`;
      return new Promise<Ack>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(envelopeId);
          reject(new Error(`envelope ${type} not acknowledged within ${opts.timeoutMs ?? 10000} ms`));
        }, opts.timeoutMs ?? 10000);
        const p: Pending = {
          envelope: {
            envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api',
            retry_attempt: opts.retryAttempt ?? 0, retry_reason: opts.retryReason ?? '',
          },
          resolve: (a) => {
            clearTimeout(timer);
            resolve(a);
          },
          sentOn: null,
        };
        pending.set(envelopeId, p);
        send(p);
      });
    },
    disconnect(reason = 'refresh_requested') {
      current?.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-slack' } }));
    },
    drop() {
      current?.terminate();
    },
    failOpens(n, how = 'http_500') {
      failing = { n, how };
    },
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
