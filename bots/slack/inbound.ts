import { createHash } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { Inbox } from '../../core/chat/inbox';
import { ACTIONS } from '../../cards/actions';
import { TICKET_EXTRA_ACTIONS } from '../../cards/kb.actions';

type Body = Record<string, any>;
export type SlackAck = (response?: unknown) => Promise<void>;
/** The one place every Slack receiver (HTTP, Socket Mode) hands a verified payload and its ack to. */
export type SlackAccept = (body: Body, ack: SlackAck) => Promise<void>;

const digest = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 40);

/**
 * The idempotency key Slack gives each input: the event id for events (a retry carries the same one),
 * the trigger id for commands and presses, the view id for a modal's submission. Anything else: its bytes.
 */
export function slackKey(b: Body): string {
  if (b.type === 'event_callback' && typeof b.event_id === 'string') return `ev:${b.event_id}`;
  if (b.type === 'view_submission' || b.type === 'view_closed') return `${b.type}:${b.view?.id ?? digest(JSON.stringify(b))}`;
  if (typeof b.trigger_id === 'string' && b.trigger_id) return `${typeof b.command === 'string' ? 'cmd' : 'act'}:${b.trigger_id}`;
  return `raw:${digest(JSON.stringify(b))}`;
}

/** Presses that open a modal from their trigger id, which Slack honours for 3 s only. */
const MODAL_ACTIONS: ReadonlySet<string> = new Set([ACTIONS.editDetails, ACTIONS.reportIssue, ACTIONS.resolve, TICKET_EXTRA_ACTIONS.note]);

/** What must run inside Slack's window rather than wait for a worker: opening a modal. */
export function needsWindow(b: Body): boolean {
  if (b.command === '/ticket') return !String(b.text ?? '').trim();
  if (b.type !== 'block_actions' || !Array.isArray(b.actions)) return false;
  return b.actions.some((a: Body) => MODAL_ACTIONS.has(a?.action_id) || (a?.action_id === ACTIONS.status && /:resolved$/.test(String(a?.selected_option?.value ?? ''))));
}

/**
 * Store, then acknowledge, then work. A stored input is worked on by the inbox's workers through
 * `dispatch` (Bolt's own routing, with an ack that does nothing: Slack has had it); an input that
 * needs Slack's window runs at once, recorded first so a redelivery never runs it again.
 */
export function slackInbound(
  inbox: Inbox,
  app: () => App,
  log: { warn(o: object, msg: string): void },
  /** Slack gives up after 3 s: once stored, answer empty before then if the listener has not acknowledged. */
  ackDeadlineMs = 2500,
): { accept: SlackAccept; dispatch: (payload: unknown) => Promise<void> } {
  const accept: SlackAccept = async (body, ack) => {
    const key = slackKey(body);
    if (needsWindow(body)) {
      const r = await inbox.inline('slack', key, body, async () => {
        const timer = setTimeout(() => {
          log.warn({ type: body.type ?? body.command }, 'slack request not acknowledged in time');
          void ack();
        }, ackDeadlineMs);
        try {
          await app().processEvent({ body, ack });
        } finally {
          clearTimeout(timer);
        }
      });
      if (!r.fresh) await ack();
      return;
    }
    await inbox.receive('slack', key, body);
    await ack();
  };
  const dispatch = async (payload: unknown) => {
    await app().processEvent({ body: payload as Body, ack: async () => undefined });
  };
  return { accept, dispatch };
}
