import { TEST_DATABASES } from '../../support/db';
import { useWorld } from '../../support/fixtures';
import { addComment } from '../../../core/tickets/add-comment.service';
import { changeStatus } from '../../../core/tickets/change-status.service';
import { claimTicket } from '../../../core/tickets/claim-ticket.service';
import { linkTickets } from '../../../core/tickets/link-tickets.service';
import { reopenTicket } from '../../../core/tickets/reopen-ticket.service';
import { ticketHistory } from '../../../core/tickets/ticket-history.service';
import { updateTicket } from '../../../core/tickets/update-ticket.service';

describe.each(TEST_DATABASES)('R3/R9/R19 audit trail (%s)', (dbName) => {
  const world = useWorld(dbName);

  it('lists every step of a ticket in order, with who, through which channel, before and after', async () => {
    const w = world();
    const support = await w.service('support');
    await w.routeCategory('software', support);
    const rita = await w.employee('Rita Requester', { channel: 'teams' });
    const tom = await w.technician([support], 'Tom Tech', { channel: 'slack' });
    const related = await w.ticket(rita.actor, { category: 'software', title: 'Autre' });

    const at: string[] = [];
    const step = async (work: () => Promise<unknown>) => {
      w.clock.advance(7);
      at.push(w.clock.now().toISOString());
      await work();
    };
    let id = 0;
    await step(async () => (id = (await w.ticket(rita.actor, { category: 'software', title: 'Word plante' })).id));
    await step(() => claimTicket(w.deps, tom.actor, id));
    await step(() => addComment(w.deps, tom.actor, id, { body: 'Pouvez-vous envoyer le fichier ?' }));
    await step(() => addComment(w.deps, tom.actor, id, { body: 'Sans doute le modèle Normal.dotm', internal: true }));
    await step(() => linkTickets(w.deps, tom.actor, id, { type: 'related_to', ticket: related.id }));
    await step(() => changeStatus(w.deps, tom.actor, id, { status: 'pending' }));
    await step(() => changeStatus(w.deps, tom.actor, id, { status: 'resolved', resolution: 'Modèle réinitialisé' }));
    await step(() => changeStatus(w.deps, rita.actor, id, { status: 'closed' }));
    await step(() => reopenTicket(w.deps, tom.actor, id));

    const history = await ticketHistory(w.deps, tom.actor, id);
    const rows = history.map((e) => [e.action, e.actorName, e.actorRole, e.channel, e.createdAt.toISOString()]);
    expect(rows).toEqual([
      ['created', 'Rita Requester', 'employee', 'teams', at[0]],
      ['claimed', 'Tom Tech', 'technician', 'slack', at[1]],
      ['commented', 'Tom Tech', 'technician', 'slack', at[2]],
      ['commented', 'Tom Tech', 'technician', 'slack', at[3]],
      ['linked', 'Tom Tech', 'technician', 'slack', at[4]],
      ['status_changed', 'Tom Tech', 'technician', 'slack', at[5]],
      ['status_changed', 'Tom Tech', 'technician', 'slack', at[6]],
      ['status_changed', 'Rita Requester', 'employee', 'teams', at[7]],
      ['reopened', 'Tom Tech', 'technician', 'slack', at[8]],
    ]);
    for (const e of history) expect(e).toMatchObject({ ticketId: id, entity: 'ticket', entityId: id });
    expect(history.map((e) => e.actorPersonId)).toEqual([rita, tom, tom, tom, tom, tom, tom, rita, tom].map((p) => p.person.id));

    const [created, claimed, answered, note, linked, pended, resolved, closed, reopened] = history;
    expect(created).toMatchObject({ before: null, after: { title: 'Word plante', status: 'new', requesterId: rita.person.id, serviceId: support.id } });
    expect(claimed).toMatchObject({ before: { status: 'new', assigneeIds: [] }, after: { status: 'assigned', assigneeIds: [tom.person.id], ownedAt: at[1] } });
    expect(answered.after).toEqual({ internal: false, firstResponseAt: at[2] });
    expect(note.after).toEqual({ internal: true });
    expect(linked).toMatchObject({ before: null, after: { type: 'related_to', ticket: related.id } });
    expect(pended).toMatchObject({ before: { status: 'assigned', pendingSince: null }, after: { status: 'pending', pendingSince: at[5] } });
    expect(resolved).toMatchObject({ before: { status: 'pending', resolution: null }, after: { status: 'resolved', resolution: 'Modèle réinitialisé', resolvedAt: at[6], pausedMinutes: 7 } });
    expect(closed).toMatchObject({ before: { status: 'resolved', closedAt: null }, after: { status: 'closed', closedAt: at[7] } });
    expect(reopened).toMatchObject({ before: { status: 'closed', reopenCount: 0 }, after: { status: 'assigned', reopenCount: 1, closedAt: null, resolvedAt: null, slaStartedAt: at[8] } });

    // The requester reads the same story without the internal note.
    const theirs = await ticketHistory(w.deps, rita.actor, id);
    expect(theirs.map((e) => e.action)).toEqual(['created', 'claimed', 'commented', 'linked', 'status_changed', 'status_changed', 'status_changed', 'reopened']);
    expect(theirs.some((e) => e.after?.internal === true)).toBe(false);
  });

  it('the history outlives any later change: each entry keeps the values of its moment', async () => {
    const w = world();
    const rita = await w.employee('Rita');
    const tom = await w.technician([], 'Tom');
    const t = await w.ticket(rita.actor, { title: 'Premier titre' });
    await updateTicket(w.deps, tom.actor, t.id, { title: 'Deuxième titre', impact: 'critical' });
    await updateTicket(w.deps, tom.actor, t.id, { title: 'Troisième titre' });
    const history = await ticketHistory(w.deps, rita.actor, t.id);
    expect(history.map((e) => [e.action, e.before?.title ?? null, e.after?.title])).toEqual([
      ['created', null, 'Premier titre'],
      ['updated', 'Premier titre', 'Deuxième titre'],
      ['updated', 'Deuxième titre', 'Troisième titre'],
    ]);
    // medium urgency x critical impact -> P2
    expect(history[1]).toMatchObject({ before: { impact: 'medium', priority: 3 }, after: { impact: 'critical', priority: 2 } });
  });
});
