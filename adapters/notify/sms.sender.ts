import type { Sender } from '../../core/notifications/sender.port';
import type { OutboxEntry } from '../../core/notifications/outbox.port';
import type { RenderedMessage } from '../../core/notifications/render';
import { httpFailure } from './http-failure';

export interface SmsSenderOptions {
  accountSid: string;
  authToken: string;
  from: string;
  /** TWILIO_API_URL; Twilio's own API when absent. */
  apiUrl?: string;
  timeoutMs?: number;
}

/**
 * SMS through Twilio's Messages API (the REST call the twilio SDK makes, here over fetch so that the
 * base URL can point at a local peer and a 429 reaches the outbox with its Retry-After).
 * The text was already fitted within 2 segments by the renderer.
 */
export class SmsSender implements Sender {
  readonly channel = 'sms' as const;
  constructor(private readonly o: SmsSenderOptions) {}

  async send(m: RenderedMessage, e: OutboxEntry): Promise<void> {
    const base = (this.o.apiUrl ?? 'https://api.twilio.com').replace(/\/+$/, '');
    const res = await fetch(`${base}/2010-04-01/Accounts/${encodeURIComponent(this.o.accountSid)}/Messages.json`, {
      method: 'POST',
      headers: {
        authorization: 'Basic ' + Buffer.from(`${this.o.accountSid}:${this.o.authToken}`).toString('base64'),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ To: e.address, From: this.o.from, Body: m.sms }).toString(),
      signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
    });
    if (!res.ok) throw httpFailure('twilio messages', res);
  }
}
