import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../adapters/sequelize/database';
import { ms, summarize } from './stats';

/**
 * What the chat burst benches share (Slack, Teams): one server instance in its own process, as in
 * production; an open-loop sender (requests leave on schedule whether or not earlier ones were
 * answered, as the platforms do); a SIGKILL in the middle and a restart on the same database; and
 * the raw database doing the receiver's own work (one INSERT per input) in the same run.
 */
export interface Server {
  port: number;
  pid: number;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
  kill(): Promise<void>;
  peakRssMb(): number;
}

/** BENCH_CPU_PROF=<folder>: each server writes a V8 CPU profile there when it stops (to see what dominates). */
const profiling = () => (process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []);

export function startServer(env: Record<string, string>, nodeArgs: string[] = profiling()): Promise<Server> {
  const child = spawn(process.execPath, [...nodeArgs, path.resolve(__dirname, '../bin/helpdesk.js'), 'serve'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let peak = 0;
  const readPeak = () => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) / 1024);
    } catch {
      /* exited */
    }
    return peak;
  };
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const end = (signal: NodeJS.Signals) => new Promise<void>((done) => (exited() ? done() : (child.once('exit', () => done()), child.kill(signal))));
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`server exited with ${code}: ${out.slice(-500)}`));
    child.once('exit', onExit);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /"port":(\d+)/.exec(out);
      if (!m) return;
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      child.off('exit', onExit);
      resolve({ port: Number(m[1]), pid: child.pid!, stop: () => (readPeak(), end('SIGTERM')), kill: () => (readPeak(), end('SIGKILL')), peakRssMb: readPeak });
    });
  });
}

export interface BurstResult {
  acks: number[];
  ok: Set<number>;
  failed: number;
  sendSeconds: number;
  endedAt: number;
}

/** Sends `total` requests at `rate`/s to whichever port `target()` gives at that moment (0: none, counted as failed). */
export async function openLoop(rate: number, total: number, target: () => number, send: (port: number, i: number) => Promise<number>, atSecond?: (s: number) => void): Promise<BurstResult> {
  const acks: number[] = [];
  const ok = new Set<number>();
  let failed = 0;
  const start = Date.now();
  const inflight: Promise<void>[] = [];
  let second = 0;
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const s = Math.floor((Date.now() - start) / 1000);
    while (second < s) atSecond?.(++second);
    const port = target();
    inflight.push((async () => {
      const t0 = process.hrtime.bigint();
      const status = port ? await send(port, i).catch(() => 0) : 0;
      if (status === 200) {
        ok.add(i);
        acks.push(Number(process.hrtime.bigint() - t0) / 1e6);
      } else failed++;
    })());
  }
  await Promise.all(inflight);
  return { acks, ok, failed, sendSeconds: (Date.now() - start) / 1000, endedAt: Date.now() };
}

/** Waits until `done()` reaches `want` (or the deadline); seconds after `since`. */
export async function waitDone(done: () => Promise<number>, want: number, since: number, deadlineMs = 180_000): Promise<{ n: number; seconds: number }> {
  const until = Date.now() + deadlineMs;
  let n = 0;
  for (;;) {
    n = await done();
    if (n >= want || Date.now() > until) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return { n, seconds: (Date.now() - since) / 1000 };
}

/** The raw database doing the receiver's work: one INSERT of a stored input per request, 8 connections at once, for `seconds`. */
export async function rawInsertRate(db: Database, seconds = 3, payload = 'x'.repeat(600)): Promise<number> {
  const q = db.sequelize;
  await q.query('DROP TABLE IF EXISTS raw_inbox');
  await q.query('CREATE TABLE raw_inbox LIKE inbox');
  const until = Date.now() + seconds * 1000;
  let n = 0;
  const started = Date.now();
  await Promise.all(Array.from({ length: 8 }, async (_, w) => {
    for (let i = 0; Date.now() < until; i++) {
      await q.query("INSERT INTO raw_inbox (source, idempotency_key, payload, state, attempts, due_at, created_at) VALUES ('bench', ?, ?, 'pending', 0, NOW(3), NOW(3)) ON DUPLICATE KEY UPDATE source = source", { replacements: [`k${w}:${i}`, payload] });
      n++;
    }
  }));
  const rate = n / ((Date.now() - started) / 1000);
  await q.query('DROP TABLE raw_inbox');
  return rate;
}

export const ackFigures = (b: BurstResult) => {
  const a = summarize(b.acks);
  return { 'ack p50': ms(a.p50), 'ack p99': ms(a.p99), 'non-200': b.failed };
};

/** Every input done exactly once: each marker seen once; duplicates are markers seen more than once. */
export function exactlyOnce(markers: number[], acknowledged: Set<number>): { done: number; duplicates: number; lost: number } {
  const seen = new Map<number, number>();
  for (const m of markers) seen.set(m, (seen.get(m) ?? 0) + 1);
  let duplicates = 0;
  for (const c of seen.values()) if (c > 1) duplicates += c - 1;
  let lost = 0;
  for (const i of acknowledged) if (!seen.has(i)) lost++;
  return { done: seen.size, duplicates, lost };
}
