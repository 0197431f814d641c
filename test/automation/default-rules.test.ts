import { TEST_DATABASES } from '../support/db';
import { startTestServer, TestServer } from '../support/server';
import { paris, testClock, TestClock } from '../support/fixtures';
import { actorForPerson } from '../../core/people/actor-for-person';
import { createTicket } from '../../core/tickets/create-ticket.service';
import { changeStatus } from '../../core/tickets/change-status.service';
import { addComment } from '../../core/tickets/add-comment.service';
import { createPerson } from '../../core/people/manage-people.service';
import { createService } from '../../core/people/manage-services.service';
import { saveCategory } from '../../core/people/manage-categories.service';
import { systemActor, type Actor } from '../../core/shared/actor';
import { outbox } from '../sla/outbox';

/**
 * The shipped rules (issue 6 §4) end to end: tickets changed through the use cases, then the real
 * server's job runner fires its every-minute jobs at controlled instants (the lease included).
 */
describe.each(TEST_DATABASES)('R7 shipped automation rules through the scheduler (%s)', (dbName) => {
  let s: TestServer;
  let clock: TestClock;
  let rita: Actor;
  let tech: Actor;

  beforeAll(async () => {
    clock = testClock(paris('2026-01-13 10:00'));
    s = await startTestServer(dbName, { clock, notifications: { timers: false } });
  });
  afterAll(async () => {
    await s?.close();
  });
  beforeEach(async () => {
    await s.t.reset();
    clock.set(paris('2026-01-13 10:00'));
    const deps = s.running.deps;
    const op = { ...systemActor('fr'), channel: 'cli' as const };
    const support = await createService(deps, op, { name: 'Support', slug: 'support' });
    await saveCategory(deps, op, { defaultService: support.id }, 'hardware');
    const ritaP = await createPerson(deps, op, { displayName: 'Rita', email: 'rita@example.test', role: 'employee' });
    const techP = await createPerson(deps, op, { displayName: 'Thomas', email: 'thomas@example.test', role: 'technician', services: ['support'] });
    rita = await actorForPerson(deps, deps.uow.read, ritaP, 'api');
    tech = await actorForPerson(deps, deps.uow.read, techP, 'api');
  });

  const tick = async (local: string) => {
    clock.set(paris(local));
    return s.running.notifications.runner.runDue(clock.now());
  };
  const file = async (title: string, category = 'hardware') => (await createTicket(s.running.deps, rita, { title, category })).ticket;
  const status = async (n: number) => (await s.t.uow.read.tickets.get(n))!.status;

  it('reminds the requester at day 3 and closes a resolved ticket after 5 business days without a reply', async () => {
    const deps = s.running.deps;
    const quiet = await file('Écran qui clignote');
    const answered = await file('Clavier');
    clock.set(paris('2026-01-13 11:00'));
    for (const t of [quiet, answered]) await changeStatus(deps, tech, t.id, { status: 'resolved', resolution: 'Câble changé' });
    clock.set(paris('2026-01-14 09:00'));
    await addComment(deps, rita, answered.id, { body: 'Toujours un souci, mais je vous redis' });
    // Tue 11:00 + 3 business days (1710 min) = Fri 11:00.
    expect(await tick('2026-01-16 10:59')).toContain('automation');
    expect(await outbox(s.t, 'resolution_reminder')).toEqual([]);
    await tick('2026-01-16 11:00');
    await tick('2026-01-16 11:01');
    const reminders = await outbox(s.t, 'resolution_reminder');
    expect(reminders.map((m) => [m.ticketId, m.address])).toEqual([[quiet.id, 'rita@example.test']]);
    // + 5 business days = Tue 20 Jan 11:00.
    await tick('2026-01-20 10:59');
    expect(await status(quiet.id)).toBe('resolved');
    await tick('2026-01-20 11:00');
    expect(await status(quiet.id)).toBe('closed');
    expect(await status(answered.id)).toBe('resolved');
    expect((await outbox(s.t, 'ticket_auto_closed')).map((m) => m.ticketId)).toEqual([quiet.id]);
    const comments = await s.t.uow.read.comments.list(quiet.id, true);
    expect(comments.some((c) => c.sender === 'system' && /5 business days/.test(c.body))).toBe(true);
    const history = await s.t.uow.read.audit.forTicket(quiet.id);
    expect(history.find((h) => h.action === 'status_changed' && h.after?.status === 'closed')?.actorName).toBe('automation');
  });

  it('reminds a requester a pending ticket waits for every 2 business days, not one waiting for a date', async () => {
    const deps = s.running.deps;
    const waiting = await file('Imprimante bourrage');
    const dated = await file('Écran commandé');
    clock.set(paris('2026-01-13 10:30'));
    await changeStatus(deps, tech, waiting.id, { status: 'pending' });
    await changeStatus(deps, tech, dated.id, { status: 'pending', pendingUntil: '2026-02-01T09:00:00.000Z' });
    await tick('2026-01-15 10:29');
    expect(await outbox(s.t, 'pending_reminder')).toEqual([]);
    await tick('2026-01-15 10:30');
    await tick('2026-01-15 16:00');
    expect((await outbox(s.t, 'pending_reminder')).map((m) => m.ticketId)).toEqual([waiting.id]);
    // Friday, then the weekend does not count: the second reminder is Monday 10:30.
    await tick('2026-01-19 10:29');
    expect(await outbox(s.t, 'pending_reminder')).toHaveLength(1);
    await tick('2026-01-19 10:30');
    expect((await outbox(s.t, 'pending_reminder')).map((m) => m.ticketId)).toEqual([waiting.id, waiting.id]);
  });

  it('proposes the first of many similar reports in one hour as the parent incident of the others', async () => {
    const a = await file('Imprimante étage bloquée');
    clock.set(paris('2026-01-13 10:20'));
    const other = await file('Souris cassée');
    const b = await file('imprimante etage ne répond pas');
    await tick('2026-01-13 10:21');
    expect(await s.t.uow.read.links.outgoing([a.id], 'parent_of')).toEqual([]);
    clock.set(paris('2026-01-13 10:40'));
    const c = await file('Imprimante Étage : bourrage papier');
    await tick('2026-01-13 10:41');
    const children = (await s.t.uow.read.links.outgoing([a.id], 'parent_of')).map((l) => l.toId).sort();
    expect(children).toEqual([b.id, c.id].sort());
    expect(await s.t.uow.read.links.listFor(other.id)).toEqual([]);
    const note = (await s.t.uow.read.comments.list(a.id, true)).find((x) => x.sender === 'system');
    expect(note).toMatchObject({ internal: true });
    // A fourth report joins the same parent; a report an hour and more later starts afresh.
    clock.set(paris('2026-01-13 10:50'));
    const d = await file('imprimante étage en panne');
    await tick('2026-01-13 10:51');
    expect((await s.t.uow.read.links.outgoing([a.id], 'parent_of')).map((l) => l.toId).sort()).toEqual([b.id, c.id, d.id].sort());
    // It joins quietly: the team was told once, not at every new report (a Monday burst would flood them).
    expect((await s.t.uow.read.comments.list(a.id, true)).filter((x) => x.sender === 'system')).toHaveLength(1);
    await tick('2026-01-13 10:52');
    expect(await s.t.uow.read.links.outgoing([a.id], 'parent_of')).toHaveLength(3);
  });
});
