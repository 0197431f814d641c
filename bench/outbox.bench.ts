import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../adapters/sequelize/database';
import { SmsSender } from '../adapters/notify/sms.sender';
import { OutboxWorker } from '../core/notifications/outbox-worker';
import { notify } from '../core/notifications/notify';
import { systemClock } from '../core/shared/clock.port';
import type { NotificationIntent } from '../core/notifications/notification.port';
import { recreateDatabase } from './bench-db';

/**
 * Outbox throughput (issue 5): notifications per second sent to a local HTTP peer (the SMS channel,
 * Twilio's Messages API shape) by one and by two workers on MariaDB, beside the raw cost of the
 * INSERT and UPDATE every notification needs, so the overhead of claiming, recording and settling
 * is visible.
 */
async function peer(): Promise<{ url: string; received: () => number; close: () => Promise<void> }> {
  let n = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      n++;
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"status":"queued"}');
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: () => n,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

const intents = (from: number, count: number): NotificationIntent[] =>
  Array.from({ length: count }, (_, i) => ({ recipient: { kind: 'sms', phone: `+3361${String(from + i).padStart(7, '0')}` }, event: 'bench', ticketId: null, params: { text: `bench ${from + i}` } }));

export async function outboxBench(url: string, count: number, log: (s: string) => void): Promise<Array<Record<string, string | number>>> {
  await recreateDatabase(url);
  const db = await openDatabase(url, { poolMax: 20 });
  const p = await peer();
  const rows: Array<Record<string, string | number>> = [];
  const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
  try {
    await db.migrate();
    // Raw cost: the INSERTs notify() makes (batches of 100 per transaction), then one UPDATE per row.
    let t0 = Date.now();
    for (let i = 0; i < count; i += 100) await db.uow.transaction((s) => notify(s, new Date(), intents(i, Math.min(100, count - i))));
    const insertMs = Date.now() - t0;
    rows.push({ step: `notify(): INSERT ${count} outbox rows (100 per transaction)`, ms: insertMs, 'rows/s': rate(count, insertMs) });
    const ids = (await db.sequelize.query('SELECT id FROM outbox ORDER BY id', { raw: true }))[0] as Array<{ id: number }>;
    t0 = Date.now();
    const lanes = 16;
    await Promise.all(Array.from({ length: lanes }, async (_, lane) => {
      for (let i = lane; i < ids.length; i += lanes) await db.sequelize.query("UPDATE outbox SET state = 'sent', sent_at = NOW(3) WHERE id = ?", { replacements: [ids[i].id] });
    }));
    const updateMs = Date.now() - t0;
    rows.push({ step: `raw UPDATE of ${count} rows, one per statement, 16 connections`, ms: updateMs, 'rows/s': rate(count, updateMs) });

    for (const workers of [1, 2]) {
      await db.sequelize.query('DELETE FROM outbox_attempts');
      await db.sequelize.query('DELETE FROM outbox');
      for (let i = 0; i < count; i += 100) await db.uow.transaction((s) => notify(s, new Date(), intents(i, Math.min(100, count - i))));
      const before = p.received();
      const sender = new SmsSender({ accountSid: 'ACbench', authToken: 'x', from: '+33700000000', apiUrl: p.url });
      const make = (k: number) =>
        new OutboxWorker({ uow: db.uow, clock: systemClock, senders: { sms: sender }, render: { defaultLocale: 'fr', publicUrl: 'http://localhost:3978', timeZone: 'Europe/Paris' }, owner: `bench-${k}`, batchSize: 100, concurrency: 16 });
      t0 = Date.now();
      await Promise.all(Array.from({ length: workers }, (_, k) => make(k).drain()));
      const ms = Date.now() - t0;
      const sent = p.received() - before;
      if (sent !== count) throw new Error(`peer received ${sent}, expected ${count}`);
      rows.push({ step: `outbox → local SMS peer, ${workers} worker(s) (claim, send, attempt row, settle)`, ms, 'rows/s': rate(count, ms) });
      log(`  ${workers} worker(s): ${count} notifications in ${ms} ms`);
    }
  } finally {
    await p.close();
    await db.close();
  }
  return rows;
}
