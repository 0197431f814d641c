import http from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';

/**
 * A local stand-in for Twilio's Messages API (POST /2010-04-01/Accounts/{sid}/Messages.json, basic
 * auth, form body), recording the SMS it accepts; it can refuse for a while (503) or rate limit (429
 * with Retry-After). `sign()` makes the X-Twilio-Signature Twilio puts on inbound SMS webhooks.
 */
export interface TwilioSms {
  to: string;
  from: string;
  body: string;
  auth: string;
}
export interface FakeTwilio {
  url: string;
  sid: string;
  token: string;
  sms: TwilioSms[];
  /** 'down': 503; 'limited': 429 with Retry-After: 1; null: accept. */
  mode: 'down' | 'limited' | null;
  refused: number;
  waitFor(count: number, timeoutMs?: number): Promise<TwilioSms[]>;
  sign(url: string, params: Record<string, string>): string;
  close(): Promise<void>;
}

export async function startFakeTwilio(sid = 'AC00000000000000000000000000000001', token = 'twilio-test-token'): Promise<FakeTwilio> {
  const fake = { url: '', sid, token, sms: [] as TwilioSms[], mode: null, refused: 0 } as FakeTwilio;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== `/2010-04-01/Accounts/${sid}/Messages.json`) return void res.writeHead(404).end();
      const expected = 'Basic ' + Buffer.from(`${sid}:${token}`).toString('base64');
      if (req.headers.authorization !== expected) return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"code":20003}');
      if (fake.mode) {
        fake.refused++;
        if (fake.mode === 'limited') return void res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' }).end('{"code":20429}');
        return void res.writeHead(503).end();
      }
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      fake.sms.push({ to: form.get('To') ?? '', from: form.get('From') ?? '', body: form.get('Body') ?? '', auth: req.headers.authorization ?? '' });
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ sid: `SM${fake.sms.length}`, status: 'queued' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.waitFor = async (count, timeoutMs = 15000) => {
    const end = Date.now() + timeoutMs;
    while (fake.sms.length < count) {
      if (Date.now() > end) throw new Error(`fake twilio: ${fake.sms.length} SMS after ${timeoutMs} ms, expected ${count}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return fake.sms;
  };
  fake.sign = (url, params) => twilio.getExpectedTwilioSignature(token, url, params);
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
