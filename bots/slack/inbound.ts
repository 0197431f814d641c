import { createHash } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { Inbox } from '../../core/chat/inbox';
import { ACTIONS } from '../../cards/actions';
import { TICKET_EXTRA_ACTIONS } from '../../cards/kb.actions';

export interface ReceiverLog {
  warn(o: object, msg: string): void;
  error(o: object, msg: string): void;
}

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type SlackAck = (response?: unknown) => void | Promise<void>;

/**
 * One Slack input as either transport hands it over: the parsed payload and the way to acknowledge
 * it (an HTTP response, or an envelope sent back on the Socket Mode WebSocket).
 */
export interface SlackInput {
  body: Body;
  ack: SlackAck;
  retryNum?: number;
  retryReason?: string;
  transport: 'http' | 'socket';
}

export type InboundOutcome = 'handled' | 'unsupported';

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

const isObject = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Only what a listener of ours can handle is stored, with the fields that listener reads. */
export function routable(b: Body): boolean {
  if (b.type === 'event_callback') return isObject(b.event) && typeof b.event.type === 'string';
  if (typeof b.command === 'string') return typeof b.user_id === 'string' && typeof b.channel_id === 'string';
  if (b.type === 'block_actions') return Array.isArray(b.actions) && b.actions.length > 0 && isObject(b.user) && typeof b.user.id === 'string';
  if (b.type === 'view_submission' || b.type === 'view_closed') return isObject(b.view) && isObject(b.user) && typeof b.user.id === 'string';
  return false;
}

/**
 * The one place every Slack input goes through, whatever the transport (bolt-js style: every
 * receiver funnels into one place). Store, then acknowledge, then work: a stored input is worked on
 * by the inbox's workers through `dispatch` (Bolt's own routing, with an ack that does nothing: Slack
 * has had it); an input that needs Slack's window (a modal from a trigger id) runs at once, recorded
 * first so a redelivery never runs it again. A failure to store throws: no ack, so Slack resends.
 */
export function slackInbound(
  inbox: Inbox,
  app: () => App,
  log: ReceiverLog,
  opts: { ackDeadlineMs?: number; onInput?: (transport: SlackInput['transport']) => void } = {},
): { accept: (input: SlackInput) => Promise<InboundOutcome>; dispatch: (payload: unknown) => Promise<void> } {
  // Slack gives up after 3 s: once stored, answer empty before then if the listener has not acknowledged.
  const deadline = opts.ackDeadlineMs ?? 2500;
  const accept = async (input: SlackInput): Promise<InboundOutcome> => {
    const { body } = input;
    if (!routable(body)) return 'unsupported';
    opts.onInput?.(input.transport);
    let acked = false;
    const ack = async (response?: unknown) => {
      if (acked) return;
      acked = true;
      await input.ack(response);
    };
    const key = slackKey(body);
    if (needsWindow(body)) {
      const r = await inbox.inline('slack', key, body, async () => {
        const timer = setTimeout(() => {
          log.warn({ type: body.type ?? body.command, transport: input.transport }, 'slack request not acknowledged in time');
          ack().catch((err) => log.error({ err }, 'slack ack failed'));
        }, deadline);
        try {
          await app().processEvent({ body, ack, retryNum: input.retryNum, retryReason: input.retryReason });
        } finally {
          clearTimeout(timer);
        }
      });
      // A redelivery of what already ran (r.fresh false), or a listener that never acknowledged: empty ack.
      void r;
      await ack();
      return 'handled';
    }
    await inbox.receive('slack', key, body);
    await ack();
    return 'handled';
  };
  const dispatch = async (payload: unknown) => {
    await app().processEvent({ body: payload as Body, ack: async () => undefined });
  };
  return { accept, dispatch };
}
