import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { openDatabase } from '../adapters/sequelize/database';
import { buildDeps } from '../main';
import { loadSettings } from '../adapters/config/settings';
import { systemActor } from '../core/shared/actor';
import { createToken } from '../core/people/create-token.service';
import { createPerson } from '../core/people/manage-people.service';
import { parseDatabaseUrl } from '../adapters/sequelize/connection-url';
import { recreateDatabase } from './bench-db';

/**
 * The write path (R20): `POST /api/v1/tickets` with keep-alive clients against server processes
 * started as in production (`bin/helpdesk.js serve`, the compiled build), beside the raw database
 * doing the same transaction (a plain mysql2 script: ticket + audit + outbox row, 8 connections),
 * measured in the same run. MariaDB with one and two processes on one database; SQLite, 1 and 8 clients.
 */
export interface CreateBenchOptions {
  seconds: number;
  clients: number;
}

type Row = Record<string, string | number>;

function serve(env: Record<string, string>): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [path.resolve(__dirname, '../bin/helpdesk.js'), 'serve'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = /"port":(\d+)/.exec(out);
      if (m) {
        child.stdout.removeAllListeners('data');
        child.stdout.resume();
        resolve({ url: `http://127.0.0.1:${m[1]}`, pid: child.pid!, stop: () => new Promise((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))) });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out.slice(-500)}`)));
  });
}

const rssMb = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
};

/** The people and the token the clients create tickets as. */
async function prepare(url: string): Promise<string> {
  const db = await openDatabase(url);
  try {
    await db.migrate();
    const deps = buildDeps(loadSettings({ DATABASE_URL: url }), db);
    const op = { ...systemActor('en'), channel: 'cli' as const, name: 'bench' };
    const p = await createPerson(deps, op, { displayName: 'Bench Employee', email: `bench-${Date.now()}@example.com`, role: 'employee' });
    return (await createToken(deps, op, { name: `bench-${Date.now()}`, role: 'employee', user: p.id })).token;
  } finally {
    await db.close();
  }
}

/** `clients` loops, each waiting for its answer before the next request, for `seconds`; round-robin over the servers. */
async function load(urls: string[], token: string, clients: number, seconds: number): Promise<{ perSecond: number; errors: number; statements: number }> {
  const end = Date.now() + seconds * 1000;
  let done = 0;
  let errors = 0;
  let statements = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const base = urls[c % urls.length];
      for (let i = 0; Date.now() < end; i++) {
        const res = await fetch(`${base}/api/v1/tickets`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ title: `Bench ${c}-${i}`, description: 'Le poste ne démarre plus', category: 'hardware', urgency: 'medium' }),
        });
        await res.arrayBuffer();
        if (res.status === 201) done++;
        else errors++;
      }
    }),
  );
  return { perSecond: done / seconds, errors, statements };
}

/** The same transaction as the API's create, straight through mysql2: the database's own speed. */
async function rawMysql(url: string, connections: number, seconds: number): Promise<number> {
  const t = parseDatabaseUrl(url);
  if (t.dialect !== 'mysql') throw new Error('raw baseline needs MySQL');
  const pool = mysql.createPool({ host: t.host, port: t.port, user: t.user, password: t.password, database: t.database, connectionLimit: connections, charset: 'utf8mb4' });
  const [[person]] = (await pool.query('SELECT id FROM people ORDER BY id DESC LIMIT 1')) as unknown as [[{ id: number }]];
  const end = Date.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      const conn = await pool.getConnection();
      try {
        for (let i = 0; Date.now() < end; i++) {
          const now = new Date();
          await conn.beginTransaction();
          const [r] = (await conn.execute(
            `INSERT INTO tickets (title, description, type, category_id, urgency, impact, priority, status, requester_id, created_by_id, service_id, source_channel,
              sla_started_at, own_due_at, resolve_due_at, paused_minutes, reopen_count, version, created_at, updated_at)
             VALUES (?, ?, 'incident', 1, 'medium', 'medium', 3, 'new', ?, ?, NULL, 'api', ?, ?, ?, 0, 0, 1, ?, ?)`,
            [`Raw ${c}-${i}`, 'Le poste ne démarre plus', person.id, person.id, now, now, now, now, now],
          )) as unknown as [{ insertId: number }];
          await conn.execute(
            `INSERT INTO audit_entries (ticket_id, entity, entity_id, action, actor_person_id, actor_role, actor_name, channel, after_json, created_at)
             VALUES (?, 'ticket', ?, 'created', ?, 'employee', 'Bench', 'api', ?, ?)`,
            [r.insertId, r.insertId, person.id, JSON.stringify({ title: `Raw ${c}-${i}` }), now],
          );
          await conn.execute(
            `INSERT INTO outbox (channel, address, person_id, event, ticket_id, urgent, params, state, attempts, due_at, created_at)
             VALUES ('email', 'bench@example.com', ?, 'ticket_created', ?, 0, '{}', 'held', 0, ?, ?)`,
            [person.id, r.insertId, now, now],
          );
          await conn.commit();
          done++;
        }
      } finally {
        conn.release();
      }
    }),
  );
  await pool.end();
  return done / seconds;
}

export async function createBench(mysqlUrl: string, o: CreateBenchOptions, log: (s: string) => void): Promise<Row[]> {
  const rows: Row[] = [];
  await recreateDatabase(mysqlUrl);
  const token = await prepare(mysqlUrl);
  const raw = await rawMysql(mysqlUrl, 8, o.seconds);
  log(`  raw mysql2 transaction, 8 connections: ${raw.toFixed(0)}/s`);
  for (const processes of [1, 2]) {
    const servers = await Promise.all(Array.from({ length: processes }, () => serve({ DATABASE_URL: mysqlUrl })));
    const idle = servers.map((s) => rssMb(s.pid));
    await load(servers.map((s) => s.url), token, o.clients, Math.min(2, o.seconds)); // warm-up
    const r = await load(servers.map((s) => s.url), token, o.clients, o.seconds);
    const loaded = servers.map((s) => rssMb(s.pid));
    // The raw figure again right after, so both sides saw the same machine.
    const rawAfter = await rawMysql(mysqlUrl, 8, o.seconds);
    await Promise.all(servers.map((s) => s.stop()));
    const base = (raw + rawAfter) / 2;
    rows.push({
      database: 'mariadb', processes, clients: o.clients, 'tickets/s': r.perSecond.toFixed(0), errors: r.errors, 'raw tx/s': base.toFixed(0),
      'of raw': `${((100 * r.perSecond) / base).toFixed(0)}%`, 'idle RSS MB': idle.join('+'), 'loaded RSS MB': loaded.join('+'),
    });
    log(`  ${processes} process(es): ${r.perSecond.toFixed(0)} tickets/s`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-bench-create-'));
  try {
    const sqliteUrl = `sqlite:${path.join(dir, 'bench.sqlite')}`;
    const sqliteToken = await prepare(sqliteUrl);
    const server = await serve({ DATABASE_URL: sqliteUrl });
    const idle = rssMb(server.pid);
    for (const clients of [1, o.clients]) {
      await load([server.url], sqliteToken, clients, Math.min(2, o.seconds));
      const r = await load([server.url], sqliteToken, clients, o.seconds);
      rows.push({ database: 'sqlite', processes: 1, clients, 'tickets/s': r.perSecond.toFixed(0), errors: r.errors, 'raw tx/s': '-', 'of raw': '-', 'idle RSS MB': String(idle), 'loaded RSS MB': String(rssMb(server.pid)) });
      log(`  sqlite, ${clients} client(s): ${r.perSecond.toFixed(0)} tickets/s`);
    }
    await server.stop();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
