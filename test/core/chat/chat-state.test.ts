import { TEST_DATABASES } from '../../support/db';
import { expectError, useWorld } from '../../support/fixtures';
import { bindChannel, firstDelivery, messageInThread, queueChannels, recordTicketMessage, ticketMessages } from '../../../core/chat/chat-channels.service';
import { personFromPlatform } from '../../../core/chat/chat-person.service';

/** Chat state lives in the database (DESIGN.md): bindings, message references, inbound event ids, people (R1, R12). */
describe.each(TEST_DATABASES)('chat state in the database (R1 R12) on %s', (db) => {
  const world = useWorld(db);

  it('binds a channel as a service queue (creating the service) for admins only, and rebinding moves it', async () => {
    const w = world();
    const { actor: employee } = await w.employee('Eve');
    const { actor: admin } = await w.admin();
    await expectError(bindChannel(w.deps, employee, { platform: 'slack', teamId: 'T1', channelId: 'C1', purpose: 'technicians', service: 'Réseau' }), 'forbidden');
    expect(await w.db.uow.read.services.list()).toEqual([]);

    const { service } = await bindChannel(w.deps, admin, { platform: 'slack', teamId: 'T1', channelId: 'C1', purpose: 'technicians', service: 'Réseau & Télécom' });
    expect(service).toMatchObject({ slug: 'reseau-telecom', name: 'Réseau & Télécom' });
    const other = await w.service('poste');
    await bindChannel(w.deps, admin, { platform: 'slack', teamId: 'T1', channelId: 'C2', purpose: 'technicians', service: 'poste' });
    await bindChannel(w.deps, admin, { platform: 'slack', teamId: 'T1', channelId: 'CM', purpose: 'managers' });
    expect((await queueChannels(w.deps, 'slack', service!.id)).map((b) => b.channelId)).toEqual(['C1']);
    expect((await queueChannels(w.deps, 'slack', null)).map((b) => b.channelId).sort()).toEqual(['C1', 'C2']);
    expect(await queueChannels(w.deps, 'teams', service!.id)).toEqual([]);

    await bindChannel(w.deps, admin, { platform: 'slack', teamId: 'T1', channelId: 'C1', purpose: 'technicians', service: 'poste' });
    expect(await queueChannels(w.deps, 'slack', service!.id)).toEqual([]);
    expect((await queueChannels(w.deps, 'slack', other.id)).map((b) => b.channelId).sort()).toEqual(['C1', 'C2']);
    await expectError(bindChannel(w.deps, admin, { platform: 'slack', teamId: null, channelId: 'C3', purpose: 'technicians', service: '!!!' }), 'validation_failed');
    // Two admins setting up two channels for one new service at the same moment: one service, both bound.
    await Promise.all(['C4', 'C5'].map((channelId) => bindChannel(w.deps, admin, { platform: 'slack', teamId: null, channelId, purpose: 'technicians', service: 'Sécurité' })));
    const secu = await w.db.uow.read.services.findBySlug('securite');
    expect((await queueChannels(w.deps, 'slack', secu!.id)).map((b) => b.channelId).sort()).toEqual(['C4', 'C5']);
  });

  it('remembers each inbound event id once per source', async () => {
    const w = world();
    expect(await firstDelivery(w.deps, 'slack', 'Ev1')).toBe(true);
    expect(await firstDelivery(w.deps, 'slack', 'Ev1')).toBe(false);
    expect(await firstDelivery(w.deps, 'teams', 'Ev1')).toBe(true);
    const racing = await Promise.all([1, 2, 3, 4, 5].map(() => firstDelivery(w.deps, 'slack', 'Ev2')));
    expect(racing.filter(Boolean)).toHaveLength(1);
  });

  it('finds a ticket from a reply in a card thread or a DM thread', async () => {
    const w = world();
    const { actor } = await w.employee();
    const ticket = await w.ticket(actor);
    await recordTicketMessage(w.deps, { ticketId: ticket.id, platform: 'slack', channelId: 'C1', messageTs: '1.1', threadTs: '1.1', kind: 'card' });
    await recordTicketMessage(w.deps, { ticketId: ticket.id, platform: 'slack', channelId: 'D1', messageTs: '2.1', threadTs: '2.1', kind: 'requester_dm' });
    expect(await messageInThread(w.deps, 'slack', 'C1', '1.1')).toMatchObject({ ticketId: ticket.id, kind: 'card' });
    expect(await messageInThread(w.deps, 'slack', 'D1', '2.1')).toMatchObject({ ticketId: ticket.id, kind: 'requester_dm' });
    expect(await messageInThread(w.deps, 'slack', 'C1', '2.1')).toBeNull();
    expect((await ticketMessages(w.deps, 'slack', ticket.id)).map((m) => m.kind)).toEqual(['card', 'requester_dm']);
  });

  it('meets a platform user by id, else links them by e-mail, else creates an employee in their language, once under a race', async () => {
    const w = world();
    const known = await w.insertPerson('technician', { email: 'theo@exemple.fr', name: 'Théo' });
    const profile = (email: string | null, locale = 'en-US') => async () => ({ email, name: 'From Slack', locale });
    const linked = await personFromPlatform(w.deps, 'slack', 'UTHEO1', profile('THEO@exemple.fr'));
    expect(linked).toMatchObject({ created: false, person: { id: known.id, slackUserId: 'UTHEO1', role: 'technician', locale: 'en' } });
    expect(linked.actor).toMatchObject({ personId: known.id, role: 'technician', channel: 'slack' });
    let asked = 0;
    const again = await personFromPlatform(w.deps, 'slack', 'UTHEO1', async () => {
      asked++;
      return null;
    });
    expect(again.person.id).toBe(known.id);
    expect(asked).toBe(0);

    const racing = await Promise.all([1, 2, 3, 4].map(() => personFromPlatform(w.deps, 'slack', 'UNEW1', profile('new@exemple.fr', 'fr-FR'))));
    expect(new Set(racing.map((r) => r.person.id)).size).toBe(1);
    expect(racing[0].person).toMatchObject({ email: 'new@exemple.fr', role: 'employee', locale: 'fr', slackUserId: 'UNEW1', displayName: 'From Slack' });
    await w.db.uow.transaction((s) => s.people.update(known.id, { active: false }));
    await expectError(personFromPlatform(w.deps, 'slack', 'UTHEO1', async () => null), 'forbidden');
    const anonymous = await personFromPlatform(w.deps, 'slack', 'UANON1', async () => null);
    expect(anonymous.person).toMatchObject({ email: null, displayName: 'UANON1', role: 'employee' });
    const german = await personFromPlatform(w.deps, 'slack', 'UDE1', profile('de@exemple.fr', 'de-DE'));
    expect(german.person.locale).toBeNull();
  });
});
