import { SocketModeReceiver, type App, type Logger, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { SlackInput, InboundOutcome, ReceiverLog } from './inbound';

export interface SocketModeOptions {
  /** SLACK_APP_TOKEN, `xapp-...` with connections:write. */
  appToken: string;
  /** Slack's Web API base: `apps.connections.open` is called there (a local peer in tests). */
  apiUrl: string;
  logger: Logger;
  log: ReceiverLog & { info?(o: object, msg: string): void };
}

/**
 * Slack over Socket Mode: the server opens a WebSocket to Slack (`apps.connections.open` gives its
 * URL), so no public request URL is needed, e.g. on premises behind a firewall. Bolt's own
 * SocketModeReceiver keeps the connection: it reconnects on `disconnect` messages and dropped
 * sockets, retries `apps.connections.open`, and acknowledges with the envelope id. Each input it
 * receives goes to the same funnel as HTTP's (`./inbound.ts`), in place of Bolt's processEvent.
 * The app-level token authenticates the connection, so there is no request signature to check.
 */
export class SlackSocketReceiver implements Receiver {
  private readonly socket: SocketModeReceiver;
  private connected: Promise<unknown> | null = null;

  constructor(private readonly o: SocketModeOptions, private readonly inbound: (input: SlackInput) => Promise<InboundOutcome>) {
    this.socket = new SocketModeReceiver({
      appToken: o.appToken,
      logger: o.logger,
      installerOptions: { clientOptions: { slackApiUrl: o.apiUrl } },
    });
    // Bolt's receiver hands each input to `app.processEvent`: ours takes its place.
    this.socket.init({ processEvent: (event: ReceiverEvent) => this.receive(event) } as unknown as App);
  }

  init(): void {
    // Bolt calls this with the App; the funnel already holds it.
  }

  /** Connects in the background: a Slack outage at start never stops the server (Bolt keeps retrying). */
  start(): Promise<unknown> {
    this.connected ??= this.socket.start().then(
      () => this.o.log.info?.({}, 'slack socket mode connected'),
      (err) => this.o.log.error({ err }, 'slack socket mode could not connect'),
    );
    return this.connected;
  }

  async stop(): Promise<unknown> {
    if (!this.connected) return undefined;
    this.connected = null;
    // Waits for the close handshake, so nothing is received after the server said it stopped.
    await this.socket.client.disconnect();
    return undefined;
  }

  private async receive(event: ReceiverEvent): Promise<void> {
    const outcome = await this.inbound({ body: event.body, ack: (r) => event.ack(r), retryNum: event.retryNum, retryReason: event.retryReason, transport: 'socket' });
    // Slack redelivers what is not acknowledged: an input no listener can handle is acknowledged and dropped.
    if (outcome === 'unsupported') {
      this.o.log.warn({ type: event.body?.type ?? event.body?.command }, 'slack socket input not supported, dropped');
      await event.ack();
    }
  }
}
