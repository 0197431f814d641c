import type { Database } from '../adapters/sequelize/database';
import { prng } from './bench-db';

/**
 * Bulk seeding for benchmarks only: multi-row INSERTs straight into the tables (the use cases would
 * take hours for a million tickets). Distribution: 10 services of 8 technicians, 20 000 employees,
 * tickets over two years, ~15% still open, most of the rest closed.
 */
export interface Seeded {
  services: number[];
  technicians: Map<number, number[]>;
  employees: number[];
}

async function insertRows(db: Database, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const chunk = 2000;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const marks = part.map(() => `(${columns.map(() => '?').join(',')})`).join(',');
    await db.sequelize.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${marks}`, { replacements: part.flat() });
  }
}

export async function seed(db: Database, tickets: number, log: (s: string) => void): Promise<Seeded> {
  const rnd = prng(7);
  const now = Date.now();
  const at = (msAgo: number) => new Date(now - msAgo);
  await db.sequelize.query('SET FOREIGN_KEY_CHECKS = 0');
  await db.sequelize.query('SET UNIQUE_CHECKS = 0');
  const SERVICES = 10;
  const TECHS = 8;
  const EMPLOYEES = 20000;
  const people: unknown[][] = [];
  let pid = 0;
  const technicians = new Map<number, number[]>();
  const employees: number[] = [];
  for (let s = 1; s <= SERVICES; s++) {
    technicians.set(s, []);
    for (let k = 0; k < TECHS; k++) {
      pid++;
      technicians.get(s)!.push(pid);
      people.push([pid, `tech${pid}@bench.example`, `Tech ${pid}`, 'technician', at(0), at(0)]);
    }
  }
  for (let e = 0; e < EMPLOYEES; e++) {
    pid++;
    employees.push(pid);
    people.push([pid, `emp${pid}@bench.example`, `Employee ${pid}`, 'employee', at(0), at(0)]);
  }
  await insertRows(db, 'people', ['id', 'email', 'display_name', 'role', 'created_at', 'updated_at'], people);
  await insertRows(db, 'services', ['id', 'slug', 'name', 'created_at'], [...technicians.keys()].map((s) => [s, `svc-${s}`, `Service ${s}`, at(0)]));
  await insertRows(db, 'service_members', ['service_id', 'person_id'], [...technicians].flatMap(([s, ts]) => ts.map((t) => [s, t])));

  const cols = ['id', 'title', 'description', 'type', 'category_id', 'urgency', 'impact', 'priority', 'status', 'requester_id', 'created_by_id', 'service_id', 'source_channel',
    'sla_started_at', 'own_due_at', 'resolve_due_at', 'first_response_at', 'owned_at', 'resolved_at', 'closed_at', 'paused_minutes', 'reopen_count', 'version', 'created_at', 'updated_at'];
  const levels = ['low', 'medium', 'high', 'critical'];
  const words = ['Imprimante', 'VPN', 'Mot de passe', 'Outlook', 'Teams audio', 'Écran', 'PC portable', 'Dossier partagé', 'Wi-Fi', 'Logiciel comptable'];
  const TWO_YEARS = 730 * 86400000;
  const batch = 5000;
  const started = Date.now();
  for (let from = 1; from <= tickets; from += batch) {
    const rows: unknown[][] = [];
    const assignees: unknown[][] = [];
    for (let id = from; id < Math.min(from + batch, tickets + 1); id++) {
      // Newer ids are newer tickets; open ones are among the recent.
      const age = TWO_YEARS * (1 - id / (tickets + 1)) + rnd() * 3600000;
      const created = at(age);
      const open = age < 30 * 86400000 ? rnd() < 0.6 : rnd() < 0.02;
      const status = open ? ['new', 'assigned', 'in_progress', 'pending'][Math.floor(rnd() * 4)] : rnd() < 0.9 ? 'closed' : 'resolved';
      const priority = 1 + Math.floor(rnd() * 4);
      const service = 1 + Math.floor(rnd() * SERVICES);
      const requester = employees[Math.floor(rnd() * employees.length)];
      const own = new Date(created.getTime() + 86400000 * (priority / 2));
      const due = new Date(created.getTime() + 86400000 * priority * 2 + Math.floor(rnd() * 3600000));
      const assigned = status !== 'new';
      const resolved = status === 'resolved' || status === 'closed' ? new Date(created.getTime() + rnd() * 5 * 86400000) : null;
      rows.push([id, `${words[id % words.length]} en panne ${id}`, 'Description du problème rencontré par l’utilisateur.', rnd() < 0.7 ? 'incident' : 'request',
        1 + (id % 5), levels[Math.floor(rnd() * 4)], 'medium', priority, status, requester, requester, service, 'teams',
        created, own, due, assigned ? created : null, assigned ? created : null, resolved, status === 'closed' ? resolved : null, 0, 0, 1, created, resolved ?? created]);
      if (assigned) {
        const techs = technicians.get(service)!;
        assignees.push([id, techs[id % techs.length], created]);
        if (id % 7 === 0) assignees.push([id, techs[(id + 1) % techs.length], created]);
      }
    }
    await insertRows(db, 'tickets', cols, rows);
    await insertRows(db, 'ticket_assignees', ['ticket_id', 'person_id', 'assigned_at'], assignees);
    if ((from - 1) % 100000 === 0 && from > 1) log(`  seeded ${from - 1} tickets (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  await db.sequelize.query('SET UNIQUE_CHECKS = 1');
  await db.sequelize.query('SET FOREIGN_KEY_CHECKS = 1');
  await db.sequelize.query('ANALYZE TABLE tickets, ticket_assignees, ticket_watchers, people');
  return { services: [...technicians.keys()], technicians, employees };
}
