import { TEST_DATABASES } from '../../support/db';
import { expectError, useWorld, Who } from '../../support/fixtures';
import { addComment, listComments } from '../../../core/tickets/add-comment.service';
import { getTicket } from '../../../core/tickets/get-ticket.service';
import { ticketHistory } from '../../../core/tickets/ticket-history.service';

describe.each(TEST_DATABASES)('R15/R10 comments (%s)', (dbName) => {
  const world = useWorld(dbName);
  let tech: Who;
  let rita: Who;

  beforeEach(async () => {
    const w = world();
    const support = await w.service('support');
    await w.routeCategory('software', support);
    tech = await w.technician([support], 'Thomas Tech', { channel: 'slack' });
    rita = await w.employee('Rita Requester', { channel: 'teams' });
  });

  const file = () => world().ticket(rita.actor, { category: 'software', title: 'Excel lent' });

  it('public answers and internal notes: staff read both, the requester never reads internal ones', async () => {
    const w = world();
    const t = await file();
    await addComment(w.deps, rita.actor, t.id, { body: 'Toujours lent ce matin' });
    w.clock.advance(1);
    await addComment(w.deps, tech.actor, t.id, { body: 'Vérifier la RAM du poste', internal: true });
    w.clock.advance(1);
    const { comment, created } = await addComment(w.deps, tech.actor, t.id, { body: 'Pouvez-vous redémarrer ?' });
    expect(created).toBe(true);
    expect(comment).toMatchObject({ ticketId: t.id, authorId: tech.person.id, sender: 'technician', internal: false, channel: 'slack', createdAt: w.clock.now() });

    const staffView = await listComments(w.deps, tech.actor, t.id);
    expect(staffView.map((c) => [c.sender, c.internal, c.body, c.channel])).toEqual([
      ['customer', false, 'Toujours lent ce matin', 'teams'],
      ['technician', true, 'Vérifier la RAM du poste', 'slack'],
      ['technician', false, 'Pouvez-vous redémarrer ?', 'slack'],
    ]);
    const requesterView = await listComments(w.deps, rita.actor, t.id);
    expect(requesterView.map((c) => c.body)).toEqual(['Toujours lent ce matin', 'Pouvez-vous redémarrer ?']);
    expect(requesterView.every((c) => c.internal === false)).toBe(true);
  });

  it('an employee cannot post an internal note: forbidden, nothing written', async () => {
    const w = world();
    const t = await file();
    await expectError(addComment(w.deps, rita.actor, t.id, { body: 'secret', internal: true }), 'forbidden');
    expect(await listComments(w.deps, tech.actor, t.id)).toEqual([]);
    expect((await ticketHistory(w.deps, tech.actor, t.id)).map((e) => e.action)).toEqual(['created']);
  });

  it('R10 the first public technician answer stamps firstResponseAt; notes and the requester do not', async () => {
    const w = world();
    const t = await file();
    w.clock.advance(10);
    await addComment(w.deps, rita.actor, t.id, { body: 'Des nouvelles ?' });
    await addComment(w.deps, tech.actor, t.id, { body: 'note', internal: true });
    expect((await getTicket(w.deps, rita.actor, t.id)).firstResponseAt).toBeNull();

    w.clock.advance(20);
    const answeredAt = w.clock.now();
    await addComment(w.deps, tech.actor, t.id, { body: 'Je regarde' });
    w.clock.advance(20);
    await addComment(w.deps, tech.actor, t.id, { body: 'Corrigé ?' });
    expect((await getTicket(w.deps, rita.actor, t.id)).firstResponseAt).toEqual(answeredAt);
    expect(answeredAt.toISOString()).toBe('2026-01-13T09:30:00.000Z');
  });

  it('a technician commenting on their own ticket writes as its requester', async () => {
    const w = world();
    const mine = await w.ticket(tech.actor, { title: 'Mon écran', category: 'software' });
    const { comment } = await addComment(w.deps, tech.actor, mine.id, { body: 'précision' });
    expect(comment!.sender).toBe('customer');
    expect((await getTicket(w.deps, tech.actor, mine.id)).firstResponseAt).toBeNull();
  });

  it('DESIGN an idempotency key makes a repeated delivery a no-op', async () => {
    const w = world();
    const t = await file();
    const first = await addComment(w.deps, tech.actor, t.id, { body: 'Réponse', idempotencyKey: 'slack-evt-1' });
    const again = await addComment(w.deps, tech.actor, t.id, { body: 'Réponse', idempotencyKey: 'slack-evt-1' });
    expect(first.created).toBe(true);
    expect(again).toEqual({ comment: null, created: false });
    expect((await listComments(w.deps, rita.actor, t.id)).map((c) => c.body)).toEqual(['Réponse']);
    expect((await ticketHistory(w.deps, tech.actor, t.id)).filter((e) => e.action === 'commented')).toHaveLength(1);
  });

  it('DESIGN idempotency keys belong to their sender: the same key from someone else on another ticket is not swallowed', async () => {
    const w = world();
    const t = await file();
    const other = await w.ticket(rita.actor, { category: 'software', title: 'Autre' });
    await addComment(w.deps, tech.actor, t.id, { body: 'Réponse 1', idempotencyKey: '42' });
    // Both through Slack, where the keys are the senders' own event ids.
    const ritaOnSlack = { ...rita.actor, channel: 'slack' as const };
    const second = await addComment(w.deps, ritaOnSlack, other.id, { body: 'Question', idempotencyKey: '42' });
    expect(second.created).toBe(true);
    expect((await listComments(w.deps, rita.actor, other.id)).map((c) => c.body)).toEqual(['Question']);
  });

  it('R9 the history records each comment; the requester does not see the traces of internal notes', async () => {
    const w = world();
    const t = await file();
    await addComment(w.deps, tech.actor, t.id, { body: 'note', internal: true });
    await addComment(w.deps, tech.actor, t.id, { body: 'réponse' });
    const staff = await ticketHistory(w.deps, tech.actor, t.id);
    expect(staff.map((e) => [e.action, e.after?.internal])).toEqual([
      ['created', undefined],
      ['commented', true],
      ['commented', false],
    ]);
    expect(staff[2]).toMatchObject({ actorName: 'Thomas Tech', channel: 'slack' });
    const requester = await ticketHistory(w.deps, rita.actor, t.id);
    expect(requester.map((e) => [e.action, e.after?.internal])).toEqual([
      ['created', undefined],
      ['commented', false],
    ]);
  });

  it('validation: an empty body is refused', async () => {
    const w = world();
    const t = await file();
    const err = await expectError(addComment(w.deps, rita.actor, t.id, { body: '  ' }), 'validation_failed');
    expect(err.details?.map((d) => d.path)).toEqual(['body']);
  });
});
