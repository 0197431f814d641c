import express, { Router } from 'express';
import twilio from 'twilio';
import type { CoreDeps } from '../../core/shared/deps';
import { receiveSms, type InboundSms } from '../../core/notifications/receive-sms.service';
import { addressKey, limiterOf, setRetryAfter } from '../http/auth-limiter';
import type { Inbox } from '../../core/chat/inbox';

export interface TwilioSmsOptions {
  deps: CoreDeps;
  /** Every text is recorded here (by MessageSid) before Twilio gets its answer. */
  inbox: Inbox;
  authToken: string;
  /** PUBLIC_URL: Twilio signs the URL it called, so the check rebuilds that URL, not the local one. */
  publicUrl: string;
}

const twiml = (message: string) => {
  if (!message) return '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
  const esc = message.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
  return `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${esc}</Message></Response>`;
};

/**
 * POST /twilio/sms: Twilio's inbound SMS webhook. The X-Twilio-Signature (HMAC of the URL and the
 * form fields with the auth token) is checked first: a forged or missing one gets 403 and changes
 * nothing. Then the text is recorded and worked on at once, within Twilio's window, since the reply
 * goes back as TwiML; a redelivered MessageSid gets an empty answer. If the process dies meanwhile, a
 * worker finishes it (the ticket or comment is made; the reply is not sent).
 */
export function twilioSmsRouter(o: TwilioSmsOptions): Router {
  o.inbox.handle('sms', async (p) => void (await receiveSms(o.deps, p as InboundSms)));
  const r = Router();
  r.post('/', express.urlencoded({ extended: false, limit: '64kb' }), async (req, res) => {
    const params = (typeof req.body === 'object' && req.body ? req.body : {}) as Record<string, string>;
    const signature = req.header('x-twilio-signature') ?? '';
    const url = o.publicUrl.replace(/\/+$/, '') + req.originalUrl;
    const limiter = limiterOf(req);
    const blocked = limiter.retryAfter([addressKey(req)]);
    if (blocked) return void setRetryAfter(res, blocked).type('text/plain').send('too many failed signatures');
    if (!signature || !twilio.validateRequest(o.authToken, signature, url, params)) {
      limiter.fail([addressKey(req)]);
      res.status(403).type('text/plain').send('invalid Twilio signature');
      return;
    }
    if (typeof params.From !== 'string' || typeof params.Body !== 'string' || typeof params.MessageSid !== 'string') {
      res.status(400).type('text/plain').send('From, Body and MessageSid are required');
      return;
    }
    const sms: InboundSms = { from: params.From, body: params.Body, messageId: params.MessageSid };
    const r = await o.inbox.inline('sms', `sms:${sms.messageId}`, sms, () => receiveSms(o.deps, sms), { retry: true });
    res.type('text/xml').send(twiml(r.fresh ? r.result.reply : ''));
  });
  return r;
}
