/**
 * A fixed week with known answers (issue 7). Times are Paris wall-clock (winter, UTC+1); the
 * reported week is Monday 16 to Sunday 22 November 2026, the previous one 9-15 November, which holds
 * Armistice Day (Wednesday 11th, a French public holiday: no business minutes). Tickets are written
 * with SQL because their timestamps are the point: the use cases would stamp "now".
 */
import { Sql } from '../../../adapters/sequelize/sql';
import type { Person, Service } from '../../../core/people/person.entity';
import { paris, World } from '../../support/fixtures';

/** Wednesday 25 November 2026, 11:00 in Paris: after the reported week. */
export const NOW = paris('2026-11-25 11:00');

export interface ReportWorld {
  alice: Person;
  bob: Person;
  poste: Service;
  reseau: Service;
  category: Record<'hardware' | 'software' | 'network' | 'access', number>;
}

interface Row {
  title: string;
  cat: keyof ReportWorld['category'];
  svc: 'poste' | 'reseau' | null;
  p: 1 | 2 | 3 | 4;
  ch: string;
  status: string;
  created: string;
  first?: string;
  ownDue: string;
  resolveDue: string;
  resolved?: string;
  closed?: string;
  updated?: string;
  who: Array<'alice' | 'bob'>;
}

const TICKETS: Row[] = [
  { title: 'Imprimante HP en panne', cat: 'hardware', svc: 'poste', p: 3, ch: 'teams', status: 'closed', created: '2026-11-16 09:00', first: '2026-11-16 10:00', ownDue: '2026-11-16 11:00', resolved: '2026-11-16 14:00', resolveDue: '2026-11-17 18:00', closed: '2026-11-17 10:00', who: ['bob'] },
  { title: 'Mon imprimante HP ne marche plus', cat: 'hardware', svc: 'poste', p: 2, ch: 'slack', status: 'resolved', created: '2026-11-17 16:00', first: '2026-11-18 09:00', ownDue: '2026-11-17 18:00', resolved: '2026-11-19 11:00', resolveDue: '2026-11-18 12:00', who: ['bob'] },
  { title: 'VPN coupé', cat: 'network', svc: 'reseau', p: 1, ch: 'api', status: 'closed', created: '2026-11-10 17:00', first: '2026-11-10 17:30', ownDue: '2026-11-10 17:30', resolved: '2026-11-16 09:30', resolveDue: '2026-11-10 21:00', closed: '2026-11-16 11:00', who: ['alice', 'bob'] },
  { title: 'VPN coupé en réunion', cat: 'network', svc: 'reseau', p: 2, ch: 'teams', status: 'in_progress', created: '2026-11-18 10:00', first: '2026-11-18 10:20', ownDue: '2026-11-18 12:00', resolveDue: '2026-11-19 10:00', who: ['alice'] },
  { title: 'VPN coupé 3 fois par jour', cat: 'network', svc: 'reseau', p: 3, ch: 'email', status: 'new', created: '2026-11-21 11:00', ownDue: '2026-11-23 17:00', resolveDue: '2026-11-26 12:00', who: [] },
  { title: 'Écran noir', cat: 'hardware', svc: null, p: 4, ch: 'web', status: 'pending', created: '2026-11-12 10:00', first: '2026-11-12 11:00', ownDue: '2026-11-12 12:00', resolveDue: '2026-11-13 10:00', who: [] },
  { title: 'Accès dossier partagé', cat: 'access', svc: 'poste', p: 3, ch: 'phone', status: 'cancelled', created: '2026-11-20 11:00', ownDue: '2026-11-20 14:00', resolveDue: '2026-11-23 11:00', updated: '2026-11-20 12:00', who: [] },
  { title: 'VPN coupé', cat: 'network', svc: 'reseau', p: 3, ch: 'teams', status: 'closed', created: '2026-11-09 11:00', first: '2026-11-09 11:30', ownDue: '2026-11-09 13:00', resolved: '2026-11-09 13:00', resolveDue: '2026-11-10 11:00', closed: '2026-11-10 10:00', who: ['alice'] },
  { title: 'Imprimante HP : bourrage papier', cat: 'hardware', svc: 'poste', p: 4, ch: 'teams', status: 'resolved', created: '2026-11-20 17:30', first: '2026-11-23 08:45', ownDue: '2026-11-23 10:00', resolved: '2026-11-23 09:00', resolveDue: '2026-11-25 12:00', who: ['bob'] },
  { title: 'Outlook lent', cat: 'software', svc: 'reseau', p: 3, ch: 'api', status: 'resolved', created: '2026-11-02 11:00', first: '2026-11-02 11:30', ownDue: '2026-11-02 13:00', resolved: '2026-11-19 17:00', resolveDue: '2026-11-05 11:00', who: ['alice'] },
];

export async function seedReportWeek(w: World): Promise<ReportWorld> {
  const poste = await w.service('poste', [], 'Postes de travail');
  const reseau = await w.service('reseau', [], 'Réseau');
  const alice = (await w.technician([reseau], 'Alice Martin')).person;
  const bob = (await w.technician([poste], 'Bob Durand')).person;
  const requester = (await w.employee('Eve')).person;
  const cats = await w.db.uow.read.categories.list();
  const id = (slug: string) => cats.find((c) => c.slug === slug)!.id;
  const category = { hardware: id('hardware'), software: id('software'), network: id('network'), access: id('access') };
  const sql = new Sql(w.db.db.sequelize, w.db.db.dialect, null);
  const at = (s?: string) => (s ? paris(s) : null);
  for (const t of TICKETS) {
    const first = at(t.first);
    const updated = at(t.updated ?? t.closed ?? t.resolved ?? t.first ?? t.created);
    const ticketId = await sql.insert(
      `INSERT INTO tickets (title, description, type, category_id, urgency, impact, priority, status, requester_id, service_id, source_channel,
        sla_started_at, own_due_at, resolve_due_at, first_response_at, owned_at, resolved_at, closed_at, created_at, updated_at)
       VALUES (?, 'd', 'incident', ?, 'medium', 'medium', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [t.title, category[t.cat], t.p, t.status, requester.id, t.svc === null ? null : { poste, reseau }[t.svc].id, t.ch,
        paris(t.created), paris(t.ownDue), paris(t.resolveDue), first, first, at(t.resolved), at(t.closed), paris(t.created), updated],
    );
    for (const who of t.who) {
      await sql.run('INSERT INTO ticket_assignees (ticket_id, person_id, assigned_at) VALUES (?, ?, ?)', [ticketId, { alice, bob }[who].id, paris(t.created)]);
    }
  }
  return { alice, bob, poste, reseau, category };
}

/**
 * What the SLA engine recorded for the fixed week (ticket_sla, cycle 0), by ticket number (#1 is the
 * first row of TICKETS), and one incident: #3 "VPN coupé" groups #4 and #5, both opened in the week.
 * own / resolve: met (1), missed (0) or running (null); levels 1 = warned, 2 = breached.
 */
const SLA_FLAGS: Array<{ n: number; own: 0 | 1 | null; resolve: 0 | 1 | null; ownLevel?: number; resolveLevel?: number; ownBreached?: string; resolveBreached?: string }> = [
  { n: 1, own: 1, resolve: 1 },
  { n: 2, own: 0, resolve: 0, ownBreached: '2026-11-17 18:00', resolveBreached: '2026-11-18 12:00', ownLevel: 2, resolveLevel: 2 },
  { n: 3, own: 1, resolve: 0, resolveBreached: '2026-11-10 21:00', resolveLevel: 2 },
  { n: 4, own: 1, resolve: 0, resolveBreached: '2026-11-19 10:00', resolveLevel: 2 },
  { n: 5, own: 0, resolve: null, ownBreached: '2026-11-23 17:00', ownLevel: 2, resolveLevel: 1 },
  { n: 6, own: 1, resolve: 0, resolveBreached: '2026-11-13 10:00', resolveLevel: 2 },
  { n: 8, own: 1, resolve: 1 },
  { n: 9, own: 1, resolve: 1 },
  { n: 10, own: 1, resolve: 0, resolveBreached: '2026-11-05 11:00', resolveLevel: 2 },
];

export async function seedSlaFlags(w: World): Promise<number[]> {
  const sql = new Sql(w.db.db.sequelize, w.db.db.dialect, null);
  const ids = (await sql.select('SELECT id FROM tickets ORDER BY id')).map((r) => Number(r.id));
  const at = (s?: string) => (s ? paris(s) : null);
  for (const f of SLA_FLAGS) {
    await sql.run(
      `INSERT INTO ticket_sla (ticket_id, cycle, own_level, resolve_level, own_met, resolve_met, own_breached_at, resolve_breached_at, updated_at)
       VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?)`,
      [ids[f.n - 1], f.ownLevel ?? 0, f.resolveLevel ?? 0, f.own === null ? null : f.own === 1, f.resolve === null ? null : f.resolve === 1,
        at(f.ownBreached), at(f.resolveBreached), NOW],
    );
  }
  for (const child of [4, 5]) {
    await sql.run("INSERT INTO ticket_links (from_id, to_id, type, created_at) VALUES (?, ?, 'parent_of', ?)", [ids[2], ids[child - 1], NOW]);
  }
  return ids;
}
