import { openDatabase } from '../adapters/sequelize/database';
import { loadSettings } from '../adapters/config/settings';
import { startServer } from '../main';
import { systemActor } from '../core/shared/actor';
import { createToken } from '../core/people/create-token.service';
import { seed } from './seed';
import { ms, summarize, table, timeEach } from './stats';
import { recreateDatabase } from './bench-db';

/**
 * Issue 2: the technician queue (50 rows of one service, statuses new/assigned/in_progress, by
 * priority then due date) and a requester's "my tickets", through the real HTTP route, at 100k and
 * 1M tickets on MariaDB: p50/p95 and SQL queries per request, next to the raw SQL doing the same work.
 */
const REQUESTS = 300;
/** The minute jobs run back to back during the measurement, as on a busy Monday (their statements are counted apart). */
const JOBS = ['sla_sweep', 'acceptance_sweep', 'automation', 'notifications.outbox-sweep'];

export async function ticketQueueBench(url: string, size: number, log: (s: string) => void, opts: { requests?: number } = {}): Promise<Array<Record<string, string | number>>> {
  const requests = opts.requests ?? REQUESTS;
  await recreateDatabase(url);
  const seeder = await openDatabase(url, { poolMax: 1 });
  await seeder.migrate();
  const t0 = Date.now();
  const world = await seed(seeder, size, log);
  log(`  seeded ${size} tickets in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  await seeder.close();

  const db = await openDatabase(url);
  // traceSql: each answer says how many statements its own request sent (x-sql-statements).
  const running = await startServer(loadSettings({ PORT: '0', DATABASE_URL: url, LOG_LEVEL: 'silent' }), { db, quiet: true, traceSql: true });
  const operator = { ...systemActor('en'), channel: 'cli' as const, name: 'bench' };
  const techTokens: Array<{ service: number; token: string }> = [];
  for (const [service, techs] of world.technicians) {
    techTokens.push({ service, token: (await createToken(running.deps, operator, { name: `t${service}`, role: 'technician', user: techs[0] })).token });
  }
  const empTokens: Array<{ id: number; token: string }> = [];
  for (let i = 0; i < 50; i++) {
    const id = world.employees[(i * 397) % world.employees.length];
    empTokens.push({ id, token: (await createToken(running.deps, operator, { name: `e${i}`, role: 'employee', user: id })).token });
  }
  let queries = 0;
  let all = 0;
  db.onQuery(() => all++);
  let jobsRunning: boolean | 'stop' = false;
  let jobRuns = 0;
  const jobs = (async () => {
    for (;;) {
      await new Promise((r) => setTimeout(r, 20));
      if (!jobsRunning) continue;
      if (jobsRunning === 'stop') return;
      for (const name of JOBS) {
        // A fire time of its own each round, so the lease lets every round run.
        await running.notifications.runner.fire(name, new Date(Date.now() + ++jobRuns * 60_000)).catch(() => undefined);
      }
    }
  })();
  const get = async (path: string, token: string) => {
    const res = await fetch(running.url + path, { headers: { authorization: `Bearer ${token}` } });
    queries += Number(res.headers.get('x-sql-statements') ?? NaN);
    const body = (await res.json()) as { items?: unknown[] };
    if (res.status !== 200 || !Array.isArray(body.items)) throw new Error(`${path}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    return body.items.length;
  };
  const measure = async (label: string, path: (i: number) => [string, string], raw: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < 20; i++) await get(...path(i)); // warm-up
    queries = 0;
    all = 0;
    let rows = 0;
    jobsRunning = true;
    const runsBefore = jobRuns;
    const api = summarize(await timeEach(requests, async (i) => void (rows += await get(...path(i)))));
    jobsRunning = false;
    const perRequest = queries / requests;
    const jobStatements = all - queries;
    for (let i = 0; i < 20; i++) await raw(i);
    const rawT = summarize(await timeEach(requests, async (i) => void (await raw(i))));
    return {
      size, case: label, 'rows/page': (rows / requests).toFixed(0), 'api p50': ms(api.p50), 'api p95': ms(api.p95), 'SQL/request': perRequest.toFixed(1),
      'job runs': Math.round((jobRuns - runsBefore) / JOBS.length), 'job SQL': jobStatements,
      'raw p50': ms(rawT.p50), 'raw p95': ms(rawT.p95), 'p95 ratio': `${(api.p95 / rawT.p95).toFixed(1)}x`,
    };
  };
  const q = (sql: string, replacements: unknown[]) => db.sequelize.query(sql, { replacements });
  const rows: Array<Record<string, string | number>> = [];
  rows.push(await measure('technician queue', (i) => {
    const t = techTokens[i % techTokens.length];
    return [`/api/v1/tickets?service=${t.service}&status=new,assigned,in_progress&sort=priority&limit=50`, t.token];
  }, async (i) => {
    const t = techTokens[i % techTokens.length];
    const [page] = await q(`SELECT t.*, r.display_name AS requester_name FROM tickets t JOIN people r ON r.id = t.requester_id
      WHERE t.service_id = ? AND t.status IN ('new','assigned','in_progress') ORDER BY t.priority, t.resolve_due_at, t.id LIMIT 50`, [t.service]);
    const ids = (page as Array<{ id: number }>).map((p) => p.id);
    if (ids.length) await q(`SELECT a.ticket_id, p.display_name FROM ticket_assignees a JOIN people p ON p.id = a.person_id WHERE a.ticket_id IN (?)`, [ids]);
  }));
  rows.push(await measure('my tickets', (i) => [`/api/v1/tickets?requester=me&limit=50`, empTokens[i % empTokens.length].token], async (i) => {
    const e = empTokens[i % empTokens.length];
    const [page] = await q(`SELECT t.* FROM tickets t WHERE t.requester_id = ? ORDER BY t.id DESC LIMIT 50`, [e.id]);
    const ids = (page as Array<{ id: number }>).map((p) => p.id);
    if (ids.length) await q(`SELECT a.ticket_id, p.display_name FROM ticket_assignees a JOIN people p ON p.id = a.person_id WHERE a.ticket_id IN (?)`, [ids]);
  }));
  jobsRunning = 'stop';
  await jobs;
  await running.close();
  await db.close();
  return rows;
}
