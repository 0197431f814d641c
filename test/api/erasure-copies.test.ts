import { createPerson, updatePerson } from '../../core/people/manage-people.service';
import { createService } from '../../core/people/manage-services.service';
import { erasePerson } from '../../core/people/personal-data.service';
import { actorForPerson } from '../../core/people/actor-for-person';
import { createTicket } from '../../core/tickets/create-ticket.service';
import { assignTicket } from '../../core/tickets/assign-ticket.service';
import { addComment } from '../../core/tickets/add-comment.service';
import { changeStatus } from '../../core/tickets/change-status.service';
import { addAttachment } from '../../core/tickets/attachments.service';
import { sendReportNow } from '../../core/reports/send-report.service';
import { systemActor } from '../../core/shared/actor';
import { TEST_DATABASES } from '../support/db';
import { startTestServer, type TestServer } from '../support/server';

/**
 * R9 (GDPR art. 17): erasing someone scrubs every copy of what identified them, including what they
 * were called before: audit before/after snapshots (an earlier name and department), notification
 * payloads written for others, stored reports, attachment names. A dump of every table afterwards
 * holds none of it.
 */
const admin = { ...systemActor('fr'), channel: 'cli' as const, name: 'test admin' };
const OLD = { name: 'Jeanne Ancienne-Dupré', department: 'Comptabilité Ouest 7', email: 'jeanne.ancienne@example.com', phone: '+33611223344' };
const NEW = { name: 'Jeanne Nouvelle-Martin', department: 'Finance Est 9', email: 'jeanne.nouvelle@example.com' };
const TRACES = [OLD.name, OLD.department, OLD.email, OLD.phone, NEW.name, NEW.department, NEW.email];

describe.each(TEST_DATABASES)('R9 erasure scrubs every copy (%s)', (dbName) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(dbName);
  });
  afterAll(() => s?.close());

  /** Every table, every row, as text: where each trace still appears. */
  async function whereFound(): Promise<Record<string, string[]>> {
    const all = (await s.t.db.sequelize.getQueryInterface().showAllTables()) as Array<string | { tableName: string }>;
    const out: Record<string, string[]> = {};
    for (const table of all.map((x) => (typeof x === 'string' ? x : x.tableName))) {
      const [rows] = await s.t.db.sequelize.query(`SELECT * FROM \`${table}\``);
      const text = JSON.stringify(rows, (_k, v) => (v && v.type === 'Buffer' ? undefined : v));
      for (const trace of TRACES) if (text.includes(trace) || text.includes(JSON.stringify(trace).slice(1, -1))) (out[trace] ??= []).push(table);
    }
    return out;
  }

  it('leaves no earlier or current name, department or contact in any table', async () => {
    const d = s.running.deps;
    await createService(d, admin, { name: 'Support', slug: 'support' });
    const jeanne = await createPerson(d, admin, { displayName: OLD.name, email: OLD.email, phone: OLD.phone, department: OLD.department, role: 'technician', services: ['support'] });
    await updatePerson(d, admin, jeanne.id, { displayName: NEW.name, department: NEW.department, email: NEW.email });
    const ann = await createPerson(d, admin, { displayName: 'Ann Autre', email: 'ann.autre@example.com', role: 'employee' });
    const annActor = await actorForPerson(d, d.uow.read, ann, 'api');
    const jeanneActor = await actorForPerson(d, d.uow.read, (await d.uow.read.people.get(jeanne.id))!, 'api');
    const made = await createTicket(d, annActor, { title: 'Écran noir', service: undefined });
    await assignTicket(d, { ...admin, role: 'admin' }, made.ticket.id, { add: [jeanne.id] });
    await changeStatus(d, jeanneActor, made.ticket.id, { status: 'in_progress' });
    await addComment(d, jeanneActor, made.ticket.id, { body: 'Je regarde.' });
    await addAttachment(d, jeanneActor, made.ticket.id, { filename: `compte-rendu ${NEW.name}.txt`, contentType: 'text/plain', data: Buffer.from('rien') });
    await changeStatus(d, jeanneActor, made.ticket.id, { status: 'resolved', resolution: 'Câble changé' });
    await sendReportNow({ deps: d, posters: [], publicUrl: s.url }, { ...admin, role: 'admin' }, { period: 'weekly' }, 'Europe/Paris').catch(() => undefined);
    await s.running.notifications.worker.idle();

    const before = await whereFound();
    // The copies this test is about exist before the erasure (otherwise it would prove nothing).
    expect(before[OLD.name]).toEqual(expect.arrayContaining(['audit_entries']));
    expect(before[OLD.department]).toEqual(expect.arrayContaining(['audit_entries']));
    expect(before[NEW.name]).toEqual(expect.arrayContaining(['people', 'outbox', 'attachments']));

    await erasePerson(d, { ...admin, role: 'admin' }, jeanne.id);
    expect(await whereFound()).toEqual({});
  });
});
