import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A minimal Slack Web API for the outbox tests (conversations.open, chat.postMessage), able to be
 * down (503) or rate limiting (429 + Retry-After) for a while. The conversation tests' richer fake
 * lives in test/support/fake-slack.ts.
 */
export interface SlackPost {
  channel: string;
  text: string;
  thread_ts?: string;
  blocks?: Array<Record<string, any>>;
}
export interface SlackPeer {
  url: string;
  posts: SlackPost[];
  mode: 'down' | 'limited' | null;
  refused: number;
  waitFor(count: number, timeoutMs?: number): Promise<SlackPost[]>;
  close(): Promise<void>;
}

export async function startSlackPeer(): Promise<SlackPeer> {
  const peer = { url: '', posts: [] as SlackPost[], mode: null, refused: 0 } as SlackPeer;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (peer.mode) {
        peer.refused++;
        if (peer.mode === 'limited') return void res.writeHead(429, { 'retry-after': '1' }).end();
        return void res.writeHead(503).end();
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      const json = (o: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(o));
      if (req.headers.authorization !== 'Bearer xoxb-test') return json({ ok: false, error: 'invalid_auth' });
      if (req.url === '/api/conversations.open') return json({ ok: true, channel: { id: `D${body.users}` } });
      if (req.url === '/api/chat.postMessage') {
        if (body.channel === 'CGONE') return json({ ok: false, error: 'channel_not_found' });
        peer.posts.push(body);
        return json({ ok: true, channel: body.channel, ts: `${Date.now() / 1000}` });
      }
      json({ ok: false, error: 'unknown_method' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  peer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  peer.waitFor = async (count, timeoutMs = 15000) => {
    const end = Date.now() + timeoutMs;
    while (peer.posts.length < count) {
      if (Date.now() > end) throw new Error(`slack peer: ${peer.posts.length} posts after ${timeoutMs} ms, expected ${count}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return peer.posts;
  };
  peer.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return peer;
}

/** The environment that points the server at the three peers. */
export function peerEnv(p: { smtp: { url: string }; twilio: { url: string; sid: string; token: string }; slack: { url: string } }): Record<string, string> {
  return {
    SMTP_URL: p.smtp.url,
    MAIL_FROM: 'Helpdesk <helpdesk@example.com>',
    TWILIO_ACCOUNT_SID: p.twilio.sid,
    TWILIO_AUTH_TOKEN: p.twilio.token,
    TWILIO_FROM: '+33700000000',
    TWILIO_API_URL: p.twilio.url,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: 'slack-test-secret',
    SLACK_API_URL: p.slack.url,
    PUBLIC_URL: 'https://helpdesk.example.com',
  };
}
