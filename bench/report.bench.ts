import { openDatabase, type Database } from '../adapters/sequelize/database';
import { systemActor } from '../core/shared/actor';
import { systemClock } from '../core/shared/clock.port';
import type { CoreDeps } from '../core/shared/deps';
import { buildReport } from '../core/reports/build-report.service';
import { reportPeriod, type PeriodKind } from '../core/reports/report-period';
import { seed } from './seed';
import { loadChartData } from '../core/reports/report-chart-data';
import { reportChartSpec } from '../cards/report-chart';
import { chartPng, chartSvg } from '../bots/reports/chart-render';
import { ms, summarize, timeEach } from './stats';

/**
 * The weekly and monthly reports over a million tickets on MariaDB (target: under 2 s each, charts included),
 * next to the raw aggregate SQL that gives the same figures without the use case around it. The
 * database (default helpdesk_bench_reports) is seeded once with bench/seed.ts and reused while it
 * holds the expected number of tickets.
 */
const RUNS = 5;

async function ensureSeeded(url: string, size: number, log: (s: string) => void): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.replace(/^\//, '');
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unexpected bench database name ${name}`);
  u.pathname = '/mysql';
  const admin = await openDatabase(u.toString(), { poolMax: 1 });
  try {
    const [found] = (await admin.sequelize.query(`SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ? AND table_name = 'tickets'`, { replacements: [name] })) as Array<Array<{ n: number }>>;
    if (Number(found[0]?.n) === 1) {
      const [[row]] = (await admin.sequelize.query(`SELECT COUNT(*) AS n FROM ${name}.tickets`)) as Array<Array<{ n: number }>>;
      if (Number(row.n) === size) {
        log(`  reusing ${name} (${size} tickets)`);
        // A reused database still gets later migrations (indexes), so figures follow the code.
        const db = await openDatabase(url, { poolMax: 1 });
        await db.migrate().finally(() => db.close());
        return;
      }
    }
    await admin.sequelize.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.sequelize.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.close();
  }
  const seeder = await openDatabase(url, { poolMax: 1 });
  await seeder.migrate();
  const t0 = Date.now();
  await seed(seeder, size, log);
  log(`  seeded ${size} tickets in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  await seeder.close();
}

/** The report's figures straight from SQL, for comparison: the same statements a DBA would write by hand. */
async function rawFigures(db: Database, from: Date, to: Date, previousFrom: Date, now: Date): Promise<void> {
  const q = (sql: string, replacements: unknown[]) => db.sequelize.query(sql, { replacements });
  const running = "('new','assigned','in_progress')";
  const overdue = `t.status IN ${running} AND (t.resolve_due_at < ? OR (t.owned_at IS NULL AND t.own_due_at < ?))`;
  await Promise.all([
    q('SELECT service_id, category_id, priority, source_channel, COUNT(*) FROM tickets WHERE created_at >= ? AND created_at < ? GROUP BY 1, 2, 3, 4', [from, to]),
    q('SELECT service_id, category_id, priority, source_channel, COUNT(*), SUM(resolved_at <= resolve_due_at) FROM tickets WHERE resolved_at >= ? AND resolved_at < ? GROUP BY 1, 2, 3, 4', [from, to]),
    q('SELECT COUNT(*) FROM tickets WHERE closed_at >= ? AND closed_at < ?', [from, to]),
    q('SELECT COUNT(*), SUM(owned_at <= own_due_at) FROM tickets WHERE owned_at >= ? AND owned_at < ?', [from, to]),
    q("SELECT SUM(created_at < ?), SUM(created_at < ?) FROM tickets WHERE status IN ('new','assigned','in_progress','pending')", [from, to]),
    q('SELECT SUM(created_at < ? AND resolved_at >= ?), SUM(created_at < ? AND resolved_at >= ?) FROM tickets WHERE resolved_at >= ?', [from, from, to, to, from]),
    q(`SELECT t.service_id, COUNT(*) FROM tickets t WHERE ${overdue} GROUP BY 1`, [now, now]),
    q('SELECT created_at, resolved_at, service_id FROM tickets WHERE resolved_at >= ? AND resolved_at < ?', [from, to]),
    q('SELECT created_at, first_response_at FROM tickets WHERE first_response_at >= ? AND first_response_at < ?', [from, to]),
    q('SELECT a.person_id, COUNT(*) FROM tickets t JOIN ticket_assignees a ON a.ticket_id = t.id WHERE t.resolved_at >= ? AND t.resolved_at < ? GROUP BY 1', [from, to]),
    q(`SELECT a.person_id, COUNT(*) FROM tickets t JOIN ticket_assignees a ON a.ticket_id = t.id WHERE ${overdue} GROUP BY 1`, [now, now]),
    q('SELECT category_id, SUM(created_at >= ?), SUM(created_at < ?) FROM tickets WHERE created_at >= ? AND created_at < ? GROUP BY 1', [from, from, previousFrom, to]),
    q('SELECT title, created_at >= ? FROM tickets WHERE created_at >= ? AND created_at < ?', [from, previousFrom, to]),
    // Previous period, SLA compliance from ticket_sla, overdue list, incidents, per-day chart bars.
    q('SELECT COUNT(*) FROM tickets WHERE created_at >= ? AND created_at < ?', [previousFrom, from]),
    q('SELECT COUNT(*) FROM tickets WHERE resolved_at >= ? AND resolved_at < ?', [previousFrom, from]),
    q('SELECT SUM(s.resolve_met = 1), SUM(s.resolve_met = 0) FROM tickets t JOIN ticket_sla s ON s.ticket_id = t.id WHERE t.resolved_at >= ? AND t.resolved_at < ?', [from, to]),
    q('SELECT SUM(s.own_met = 1), SUM(s.own_met = 0) FROM tickets t JOIN ticket_sla s ON s.ticket_id = t.id WHERE t.owned_at >= ? AND t.owned_at < ?', [from, to]),
    q('SELECT COUNT(*) FROM ticket_sla s WHERE s.resolve_breached_at >= ? AND s.resolve_breached_at < ?', [from, to]),
    q('SELECT COUNT(*) FROM ticket_sla s WHERE s.own_breached_at >= ? AND s.own_breached_at < ?', [from, to]),
    q(`SELECT COUNT(*) FROM tickets t JOIN ticket_sla s ON s.ticket_id = t.id WHERE t.status IN ${running} AND (s.resolve_level = 1 OR s.own_level = 1)`, []),
    q(`SELECT t.id, t.title FROM tickets t WHERE ${overdue} ORDER BY t.resolve_due_at LIMIT 20`, [now, now]),
    q("SELECT l.from_id, COUNT(*) FROM tickets t JOIN ticket_links l ON l.to_id = t.id AND l.type = 'parent_of' WHERE t.created_at >= ? AND t.created_at < ? GROUP BY 1 HAVING COUNT(*) >= 2", [from, to]),
    q('SELECT DATE(created_at), COUNT(*) FROM tickets WHERE created_at >= ? AND created_at < ? GROUP BY 1', [from, to]),
    q('SELECT DATE(resolved_at), COUNT(*) FROM tickets WHERE resolved_at >= ? AND resolved_at < ? GROUP BY 1', [from, to]),
  ]);
}

export async function reportBench(url: string, size: number, log: (s: string) => void): Promise<Array<Record<string, string | number>>> {
  await ensureSeeded(url, size, log);
  const db = await openDatabase(url);
  const deps: CoreDeps = { uow: db.uow, clock: systemClock, defaultLocale: 'en', admins: [] };
  const actor = { ...systemActor('en'), channel: 'cli' as const, name: 'bench' };
  const rows: Array<Record<string, string | number>> = [];
  try {
    for (const kind of ['weekly', 'monthly'] as PeriodKind[]) {
      const report = await buildReport(deps, actor, { period: kind }, 'Europe/Paris'); // warm-up, and the figures shown
      const p = reportPeriod(kind, systemClock.now(), 'Europe/Paris');
      const api = summarize(await timeEach(RUNS, async () => void (await buildReport(deps, actor, { period: kind }, 'Europe/Paris'))));
      // What the Monday job makes: the report, the chart's data, its SVG (web) and PNG (cards, mail).
      const withCharts = summarize(await timeEach(RUNS, async () => {
        const r = await buildReport(deps, actor, { period: kind }, 'Europe/Paris');
        const spec = reportChartSpec(r, await loadChartData(db.uow.read, r));
        chartPng(spec, 2, chartSvg(spec));
      }));
      await rawFigures(db, p.from, p.to, p.previousFrom, systemClock.now());
      const raw = summarize(await timeEach(RUNS, () => rawFigures(db, p.from, p.to, p.previousFrom, systemClock.now())));
      rows.push({
        size, report: kind, opened: report.volumes.opened, resolved: report.volumes.resolved, 'report p50': ms(api.p50), 'report max': ms(Math.max(api.p50, api.p95)),
        'with charts p50': ms(withCharts.p50), 'with charts max': ms(Math.max(withCharts.p50, withCharts.p95)),
        'raw SQL p50': ms(raw.p50), 'raw SQL max': ms(Math.max(raw.p50, raw.p95)), ratio: `${(api.p50 / raw.p50).toFixed(1)}x`, truncated: String(report.truncated),
      });
    }
  } finally {
    await db.close();
  }
  return rows;
}
