import type { Store, UnitOfWork } from '../shared/store.port';

/**
 * Wraps the unit of work so that a transaction which wrote outbox rows wakes the worker right after
 * its commit: chat users hear back at once instead of at the next poll.
 */
export function kickAfterCommit(inner: UnitOfWork, kick: () => void): UnitOfWork {
  return {
    read: inner.read,
    isUniqueViolation: (err) => inner.isUniqueViolation(err),
    async transaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
      let wrote = false;
      const result = await inner.transaction((store) => {
        const notifications = Object.create(store.notifications) as Store['notifications'];
        notifications.enqueue = (e, at) => {
          wrote = true;
          return store.notifications.enqueue(e, at);
        };
        return work({ ...store, notifications });
      });
      if (wrote) kick();
      return result;
    },
  };
}
