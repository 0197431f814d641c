import type { DeliveryChannel, OutboxEntry } from './outbox.port';
import type { RenderedMessage } from './render';

/** One delivery channel (Slack, Teams, e-mail, SMS), made real in adapters/notify. */
export interface Sender {
  readonly channel: DeliveryChannel;
  /** Resolves once the peer acknowledged the message; throws SendFailure (or anything: retried) otherwise. */
  send(message: RenderedMessage, entry: OutboxEntry): Promise<void>;
}

/** What a sender knows about a refusal: try again later (maybe after Retry-After), or never. */
export class SendFailure extends Error {
  constructor(
    message: string,
    /** unreachable: the person (or channel) has no address on this platform; the outbox tries their next channel. */
    readonly opts: { retryAfterMs?: number; permanent?: boolean; unreachable?: boolean } = {},
  ) {
    super(message);
    this.name = 'SendFailure';
  }
}
