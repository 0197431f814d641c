import { openDatabase, type Database } from '../adapters/sequelize/database';
import { BusinessCalendar, DEFAULT_CALENDAR } from '../core/sla/business-calendar';
import { DEFAULT_SLA_POLICIES, pickPolicy } from '../core/sla/sla-policy';
import { levelReached } from '../core/sla/sla-levels';
import { runSlaSweep } from '../core/sla/sla-sweep';
import type { Priority } from '../core/tickets/ticket.entity';
import { prng, recreateDatabase } from './bench-db';

/**
 * Issue 6: the every-minute SLA sweep over 100k open tickets on MariaDB. The tickets' SLA state is
 * seeded as earlier sweeps would have left it (computed with the same level function), except for
 * `CROSSING` tickets one level behind, so the measured sweep has real warnings and escalations to
 * send; then the next minute's sweep, and that minute once more (as a second instance would): the
 * pure cost of looking, with nothing left to record.
 */
const NOW = new Date('2026-01-13T09:00:00.000Z'); // Tuesday 10:00 in Paris
const CROSSING = 100;
const SHARES = { warnPercent: 75, managersPercent: 150 };

async function insertRows(db: Database, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    const part = rows.slice(i, i + 2000);
    await db.sequelize.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${part.map(() => `(${columns.map(() => '?').join(',')})`).join(',')}`, { replacements: part.flat() });
  }
}

async function seedOpenTickets(db: Database, size: number): Promise<void> {
  const rnd = prng(11);
  const cal = new BusinessCalendar(DEFAULT_CALENDAR);
  await db.sequelize.query('SET FOREIGN_KEY_CHECKS = 0');
  const people: unknown[][] = [];
  for (let p = 1; p <= 2000; p++) people.push([p, `p${p}@bench.example`, `Person ${p}`, p <= 80 ? 'technician' : 'employee', NOW, NOW]);
  await insertRows(db, 'people', ['id', 'email', 'display_name', 'role', 'created_at', 'updated_at'], people);
  await insertRows(db, 'services', ['id', 'slug', 'name', 'lead_id', 'created_at'], Array.from({ length: 10 }, (_, i) => [i + 1, `svc-${i + 1}`, `Service ${i + 1}`, i * 8 + 1, NOW]));
  const cols = ['id', 'title', 'description', 'type', 'urgency', 'impact', 'priority', 'status', 'requester_id', 'service_id', 'source_channel',
    'sla_started_at', 'own_due_at', 'resolve_due_at', 'owned_at', 'paused_minutes', 'reopen_count', 'version', 'created_at', 'updated_at'];
  const statuses = ['new', 'assigned', 'in_progress', 'pending'];
  let crossing = 0;
  for (let from = 1; from <= size; from += 5000) {
    const rows: unknown[][] = [];
    const assignees: unknown[][] = [];
    const states: unknown[][] = [];
    for (let id = from; id < Math.min(from + 5000, size + 1); id++) {
      const priority = (1 + Math.floor(rnd() * 4)) as Priority;
      const policy = pickPolicy(DEFAULT_SLA_POLICIES, priority, null);
      // Created up to 15 business days ago: some far from a deadline, some near, some past it.
      const created = cal.addBusinessMinutes(new Date(NOW.getTime() - 21 * 86_400_000), rnd() * 15 * 570);
      const own = cal.addBusinessMinutes(created, policy.ownMinutes);
      const resolve = cal.addBusinessMinutes(created, policy.resolveMinutes);
      const status = statuses[Math.floor(rnd() * 4)];
      const service = 1 + (id % 10);
      const owned = status === 'new' ? null : created;
      rows.push([id, `Ticket ${id}`, '', 'incident', 'medium', 'medium', priority, status, 81 + (id % 1900), service, 'teams', created, own, resolve, owned, 0, 0, 1, created, created]);
      if (status !== 'new') assignees.push([id, (service - 1) * 8 + 1 + (id % 8), created]);
      let ownLevel = owned ? 0 : levelReached(cal, NOW, own, policy.ownMinutes, SHARES);
      let resolveLevel = levelReached(cal, NOW, resolve, policy.resolveMinutes, SHARES);
      const ownMet = owned ? (owned <= own ? 1 : 0) : null;
      if (status === 'pending') {
        // Paused: no levels move, but the time to own of an owned ticket was judged when it was owned.
        if (ownMet !== null) states.push([id, 0, 0, 0, ownMet, null, NOW]);
        continue;
      }
      if (crossing < CROSSING && resolveLevel > 0) {
        resolveLevel--;
        crossing++;
      } else if (crossing < CROSSING && ownLevel > 0) {
        ownLevel--;
        crossing++;
      }
      // As earlier sweeps left it: levels reached, breaches, and time to own met or missed once owned.
      const ownState = ownMet ?? (ownLevel >= 2 ? 0 : null);
      if (ownLevel || resolveLevel || ownState !== null) states.push([id, 0, ownLevel, resolveLevel, ownState, resolveLevel >= 2 ? 0 : null, NOW]);
    }
    await insertRows(db, 'tickets', cols, rows);
    await insertRows(db, 'ticket_assignees', ['ticket_id', 'person_id', 'assigned_at'], assignees);
    await insertRows(db, 'ticket_sla', ['ticket_id', 'cycle', 'own_level', 'resolve_level', 'own_met', 'resolve_met', 'updated_at'], states);
  }
  await db.sequelize.query('SET FOREIGN_KEY_CHECKS = 1');
  await db.sequelize.query('ANALYZE TABLE tickets, ticket_assignees, ticket_sla');
}

export async function slaSweepBench(url: string, size: number, log: (s: string) => void): Promise<Array<Record<string, string | number>>> {
  await recreateDatabase(url);
  const db = await openDatabase(url);
  await db.migrate();
  const t0 = Date.now();
  await seedOpenTickets(db, size);
  log(`  seeded ${size} open tickets in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  const deps = { uow: db.uow, clock: { now: () => NOW }, defaultLocale: 'fr' as const, admins: [] };
  let queries = 0;
  db.onQuery(() => queries++);
  const rows: Array<Record<string, string | number>> = [];
  const next = new Date(NOW.getTime() + 60_000);
  for (const [label, at] of [['sweep with new crossings', NOW], ['the next minute', next], ['that minute again (a second instance)', next]] as const) {
    queries = 0;
    const started = process.hrtime.bigint();
    const r = await runSlaSweep(deps, at);
    const took = Number(process.hrtime.bigint() - started) / 1e6;
    rows.push({ open: size, case: label, candidates: r.candidates, 'levels recorded': r.events, notifications: r.notifications, failed: r.failed, time: `${took.toFixed(0)} ms`, 'SQL queries': queries });
  }
  await db.close();
  return rows;
}
