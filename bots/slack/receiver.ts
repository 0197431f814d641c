import express, { Request, Response, Router } from 'express';
import { isValidSlackRequest, type App, type Receiver } from '@slack/bolt';
import type { SlackAccept } from './inbound';

export interface ReceiverLog {
  warn(o: object, msg: string): void;
  error(o: object, msg: string): void;
}

/**
 * Slack over HTTP on the main express server (`POST /slack/events`). The signature is checked on the
 * raw bytes before anything is parsed; a payload Bolt could not route is a 400 here rather than a
 * silent timeout. Every verified payload funnels into `accept` (bots/slack/inbound.ts), which stores
 * it and acknowledges; the response leaves when it calls ack().
 */
export class SlackHttpReceiver implements Receiver {
  readonly router: Router = express.Router();
  private bolt: App | null = null;

  constructor(
    private readonly signingSecret: string,
    private readonly log: ReceiverLog,
    private readonly accept: SlackAccept,
  ) {
    this.router.post('/', express.raw({ type: () => true, limit: '1mb' }), (req, res) => {
      this.handle(req, res).catch((err) => {
        this.log.error({ err }, 'slack request failed');
        if (!res.headersSent) res.status(400).json({ error: 'bad_request' });
      });
    });
  }

  init(app: App): void {
    this.bolt = app;
  }
  start(): Promise<unknown> {
    return Promise.resolve();
  }
  stop(): Promise<unknown> {
    return Promise.resolve();
  }

  private async handle(req: Request, res: Response): Promise<void> {
    const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    const ts = Number(req.header('x-slack-request-timestamp'));
    const signature = req.header('x-slack-signature') ?? '';
    // Bolt's check: HMAC-SHA256 of `v0:ts:body`, compared in constant time, refused when older than 5 minutes.
    const valid =
      Number.isFinite(ts) &&
      signature.startsWith('v0=') &&
      isValidSlackRequest({ signingSecret: this.signingSecret, body: raw, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': ts } });
    if (!valid) {
      res.status(401).json({ error: 'invalid_signature' });
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
    if (!routable(body)) {
      res.status(400).json({ error: 'unsupported_payload' });
      return;
    }
    let acked = false;
    const send = (response?: unknown) => {
      if (acked || res.headersSent) return;
      acked = true;
      if (response === undefined || response === '') res.status(200).end();
      else if (typeof response === 'string') res.status(200).type('text').send(response);
      else res.status(200).json(response);
    };
    try {
      // Stored before the ack (DESIGN.md): the storing step decides what runs now and what a worker does.
      await this.accept(body, async (response?: unknown) => send(response));
    } catch (err) {
      this.log.error({ err }, 'slack input not stored or failed inline');
      // Nothing stored means nothing acknowledged: Slack retries an event it got no 200 for.
      if (!acked && !res.headersSent) {
        acked = true;
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

/** Only what a listener of ours can handle reaches Bolt, with the fields that listener reads. */
function routable(b: Body): boolean {
  if (b.type === 'event_callback') return isObject(b.event) && typeof b.event.type === 'string';
  if (typeof b.command === 'string') return typeof b.user_id === 'string' && typeof b.channel_id === 'string';
  if (b.type === 'block_actions') return Array.isArray(b.actions) && b.actions.length > 0 && isObject(b.user) && typeof b.user.id === 'string';
  if (b.type === 'view_submission' || b.type === 'view_closed') return isObject(b.view) && isObject(b.user) && typeof b.user.id === 'string';
  return false;
}
