import type { App, ReceiverEvent } from '@slack/bolt';

export interface ReceiverLog {
  warn(o: object, msg: string): void;
  error(o: object, msg: string): void;
}

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * One Slack input as either transport hands it over: the parsed payload and the way to acknowledge
 * it (an HTTP response, or an envelope sent back on the Socket Mode WebSocket).
 */
export interface SlackInput {
  body: Body;
  ack: (response?: unknown) => void | Promise<void>;
  retryNum?: number;
  retryReason?: string;
  transport: 'http' | 'socket';
}

export type InboundOutcome = 'handled' | 'unsupported';

/**
 * The one place every Slack input goes through, whatever the transport (bolt-js style: every
 * receiver funnels into one processEvent). A step that must happen before the acknowledgement
 * (storing the input) belongs here, so HTTP and Socket Mode get it alike.
 * Acknowledge first, work after: Slack gives up after 3 s, so an input no listener acknowledged in
 * time is acknowledged empty at the deadline, and at the latest when the listeners are done.
 */
export function slackInbound(bolt: () => App, log: ReceiverLog, opts: { ackDeadlineMs?: number; onInput?: (transport: SlackInput['transport']) => void } = {}) {
  const deadline = opts.ackDeadlineMs ?? 2500;
  return async (input: SlackInput): Promise<InboundOutcome> => {
    if (!routable(input.body)) return 'unsupported';
    opts.onInput?.(input.transport);
    let acked = false;
    const ack = async (response?: unknown) => {
      if (acked) return;
      acked = true;
      await input.ack(response);
    };
    const timer = setTimeout(() => {
      if (!acked) log.warn({ type: input.body.type ?? input.body.command, transport: input.transport }, 'slack input not acknowledged in time');
      ack().catch((err) => log.error({ err }, 'slack ack failed'));
    }, deadline);
    const event: ReceiverEvent = { body: input.body, ack, retryNum: input.retryNum, retryReason: input.retryReason };
    try {
      await bolt().processEvent(event);
    } catch (err) {
      log.error({ err }, 'slack listener failed');
    } finally {
      clearTimeout(timer);
      await ack().catch((err) => log.error({ err }, 'slack ack failed'));
    }
    return 'handled';
  };
}

const isObject = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Only what a listener of ours can handle reaches Bolt, with the fields that listener reads. */
export function routable(b: Body): boolean {
  if (b.type === 'event_callback') return isObject(b.event) && typeof b.event.type === 'string';
  if (typeof b.command === 'string') return typeof b.user_id === 'string' && typeof b.channel_id === 'string';
  if (b.type === 'block_actions') return Array.isArray(b.actions) && b.actions.length > 0 && isObject(b.user) && typeof b.user.id === 'string';
  if (b.type === 'view_submission' || b.type === 'view_closed') return isObject(b.view) && isObject(b.user) && typeof b.user.id === 'string';
  return false;
}
