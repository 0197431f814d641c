/**
 * Bounds how much post-ack work runs at once. Acknowledgements are cheap but share the event loop
 * with that work; letting hundreds of tickets be filed at the same moment (a Monday-morning burst)
 * would queue new requests' acks behind their database callbacks and push them past Slack's 3 s.
 * Waiting work keeps its order.
 */
export class WorkLimit {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly max: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
