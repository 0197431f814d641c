/**
 * The server as its own process, for the crash test: started with the environment's settings and a
 * short outbox lease; with ENQUEUE=n it first writes n notifications (e-mails) to the outbox.
 * Prints "ready" once serving. Run with: node bin/run-ts.js test/notifications/crash-child.ts
 */
import { loadSettings } from '../../adapters/config/settings';
import { startServer } from '../../main';
import { notify } from '../../core/notifications/notify';

async function run(): Promise<void> {
  const settings = loadSettings({ ...process.env, PORT: '0', LOG_LEVEL: 'silent' });
  const running = await startServer(settings, {
    quiet: true,
    notifications: { worker: { leaseMs: Number(process.env.LEASE_MS ?? 1500), pollMs: 50, batchSize: 20, concurrency: 4 } },
  });
  const n = Number(process.env.ENQUEUE ?? 0);
  for (let i = 0; i < n; i += 100) {
    const intents = Array.from({ length: Math.min(100, n - i) }, (_, k) => ({
      recipient: { kind: 'email' as const, address: `crash${i + k}@example.com` },
      event: 'crash_test',
      ticketId: null,
      params: { text: `crash-msg-${i + k}` },
      dedupeKey: `crash:${i + k}`,
    }));
    await running.deps.uow.transaction((s) => notify(s, running.deps.clock.now(), intents));
  }
  process.stdout.write('ready\n');
}

run().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
