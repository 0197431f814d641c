import type { Lock } from './sql';

/**
 * In-process FIFO lock. SQLite has one writer at a time (and, in memory, one connection): queuing
 * transactions here turns "cannot start a transaction within a transaction" and SQLITE_BUSY into
 * waiting. A failed holder releases the lock like a successful one.
 */
export class Mutex implements Lock {
  private tail: Promise<void> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
