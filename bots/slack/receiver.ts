import express, { Request, Response, Router } from 'express';
import { isValidSlackRequest, type App, type Receiver } from '@slack/bolt';
import type { ReceiverLog, SlackInput, InboundOutcome } from './inbound';
import { addressKey, limiterOf, setRetryAfter } from '../http/auth-limiter';
import { isDatabaseOutage } from '../http/outage';
import { t } from '../../core/i18n/translate';
import type { Locale } from '../../core/i18n/catalogue';

/** Slack's replay window: a signed request more than 5 minutes away from our clock is refused. */
const MAX_SKEW_S = 5 * 60;

export type { ReceiverLog } from './inbound';

/**
 * Slack over HTTP on the main express server (`POST /slack/events`). The signature is checked on the
 * raw bytes before anything is parsed; a payload Bolt could not route is a 400 here rather than a
 * silent timeout. Every verified payload funnels into the transport-neutral `accept`
 * (bots/slack/inbound.ts, shared with Socket Mode), which stores it and acknowledges; the response
 * leaves when it calls ack(). Nothing stored means nothing acknowledged: a 503, and Slack resends.
 */
export class SlackHttpReceiver implements Receiver {
  readonly router: Router = express.Router();

  constructor(
    private readonly signingSecret: string,
    private readonly log: ReceiverLog,
    private readonly inbound: (input: SlackInput) => Promise<InboundOutcome>,
    /** The deployment's language, for what is said when nothing could be stored (nobody is known then). */
    private readonly locale: Locale = 'fr',
  ) {
    this.router.post('/', express.raw({ type: () => true, limit: '1mb' }), (req, res) => {
      this.handle(req, res).catch((err) => {
        this.log.error({ err }, 'slack request failed');
        if (!res.headersSent) res.status(400).json({ error: 'bad_request' });
      });
    });
  }

  init(_app: App): void {
    // Bolt hands itself over; the funnel (`inbound`) already knows it.
  }
  start(): Promise<unknown> {
    return Promise.resolve();
  }
  stop(): Promise<unknown> {
    return Promise.resolve();
  }

  private async handle(req: Request, res: Response): Promise<void> {
    const blocked = limiterOf(req).retryAfter([addressKey(req)]);
    if (blocked) return void setRetryAfter(res, blocked).json({ error: 'too_many_attempts' });
    const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    const ts = Number(req.header('x-slack-request-timestamp'));
    const signature = req.header('x-slack-signature') ?? '';
    // Bolt's check: HMAC-SHA256 of `v0:ts:body`, compared in constant time, refused when older than 5 minutes.
    // Bolt lets a timestamp from the future through; a replay window must be 5 minutes either way.
    const valid =
      Number.isFinite(ts) &&
      Math.abs(Date.now() / 1000 - ts) <= MAX_SKEW_S &&
      signature.startsWith('v0=') &&
      isValidSlackRequest({ signingSecret: this.signingSecret, body: raw, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': ts } });
    if (!valid) {
      const limiter = limiterOf(req);
      limiter.fail([addressKey(req)]);
      const wait = limiter.retryAfter([addressKey(req)]);
      if (wait) setRetryAfter(res, wait).json({ error: 'too_many_attempts' });
      else res.status(401).json({ error: 'invalid_signature' });
      return;
    }
    const body = parseSlackBody(raw, req.header('content-type'));
    if (!body) {
      res.status(400).json({ error: 'malformed_payload' });
      return;
    }
    if (body.ssl_check) {
      res.status(200).end();
      return;
    }
    if (body.type === 'url_verification' && typeof body.challenge === 'string') {
      res.json({ challenge: body.challenge });
      return;
    }
    let sent = false;
    const send = (response?: unknown) => {
      if (sent || res.headersSent) return;
      sent = true;
      if (response === undefined || response === '') res.status(200).end();
      else if (typeof response === 'string') res.status(200).type('text').send(response);
      else res.status(200).json(response);
    };
    const retry = req.header('x-slack-retry-num');
    try {
      const outcome = await this.inbound({
        body,
        ack: send,
        retryNum: retry ? Number(retry) : undefined,
        retryReason: req.header('x-slack-retry-reason') ?? undefined,
        transport: 'http',
      });
      if (outcome === 'unsupported') res.status(400).json({ error: 'unsupported_payload' });
    } catch (err) {
      this.log.error({ err }, 'slack input not stored or failed inline');
      // Slack resends an event it got no 200 for, so the event waits for the database. A command or a
      // press is never resent: the person is told, in words, to try again in a minute.
      if (!(body.type === 'event_callback') && isDatabaseOutage(err)) send({ response_type: 'ephemeral', text: t(this.locale, 'chat.unavailable') });
      if (!sent && !res.headersSent) {
        sent = true;
        res.status(503).json({ error: 'unavailable' });
      }
    } finally {
      send();
    }
  }
}

type Body = Record<string, any>;
const isObject = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON for events, form fields for commands, `payload=` JSON for interactivity; anything else is null. */
export function parseSlackBody(raw: string, contentType: string | undefined): Body | null {
  try {
    if (contentType?.includes('application/json')) {
      const v = JSON.parse(raw);
      return isObject(v) ? v : null;
    }
    const form = Object.fromEntries(new URLSearchParams(raw));
    if (typeof form.payload === 'string') {
      const v = JSON.parse(form.payload);
      return isObject(v) ? v : null;
    }
    return Object.keys(form).length ? form : null;
  } catch {
    return null;
  }
}
