import { TEST_DATABASES } from '../support/db';
import { startTestServer, TestServer } from '../support/server';

/**
 * Issue 2, "Done when": the whole life of a ticket through the REST API alone (R3, R5, R6, R9, R16, R19).
 */
describe.each(TEST_DATABASES)('REST API ticket life (R3 R5 R16 R19) on %s', (dbName) => {
  let s: TestServer;
  let admin: string, tech1: string, tech2: string, alice: string, bob: string, manager: string;

  beforeAll(async () => {
    s = await startTestServer(dbName);
    admin = await s.token('admin');
    expect((await s.call('POST', '/api/v1/services', admin, { name: 'Support poste de travail', slug: 'support' })).status).toBe(201);
    tech1 = await s.token('technician', { email: 'tech1@exemple.fr', name: 'Théo Technicien', services: ['support'] });
    tech2 = await s.token('technician', { email: 'tech2@exemple.fr', name: 'Tina Tech', services: ['support'] });
    alice = await s.token('employee', { email: 'alice@exemple.fr', name: 'Alice Martin' });
    bob = await s.token('employee', { email: 'bob@exemple.fr', name: 'Bob Durand' });
    manager = await s.token('manager', { email: 'manon@exemple.fr', name: 'Manon Manager' });
    expect((await s.call('PATCH', '/api/v1/categories/hardware', admin, { defaultService: 'support' })).status).toBe(200);
  });
  afterAll(() => s.close());

  const create = async (token: string, title: string, extra: Record<string, unknown> = {}) => {
    const r = await s.call('POST', '/api/v1/tickets', token, { title, description: `${title} — details`, category: 'hardware', ...extra });
    expect(r.status).toBe(201);
    return r.body.number as number;
  };

  it('refuses requests without a valid token with 401 and a JSON error', async () => {
    const r = await s.call('GET', '/api/v1/tickets', null);
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('unauthenticated');
    expect((await s.call('GET', '/api/v1/tickets', 'hd_not-a-real-token-at-all')).status).toBe(401);
  });

  it('creates, claims, comments, links, pends, resolves, closes and reopens, with the audit listing every step', async () => {
    const a = await create(alice, 'Mon imprimante ne marche plus', { urgency: 'high' });
    const created = (await s.call('GET', `/api/v1/tickets/${a}`, alice)).body;
    expect(created).toMatchObject({ number: a, status: 'new', urgency: 'high', impact: 'medium', priority: 2, service: { slug: 'support' }, requester: { name: 'Alice Martin' } });
    expect(new Date(created.resolveDueAt).getTime()).toBeGreaterThan(new Date(created.createdAt).getTime());

    const claim = await s.call('POST', `/api/v1/tickets/${a}/claim`, tech1);
    expect(claim.status).toBe(200);
    expect(claim.body.status).toBe('assigned');
    expect(claim.body.assignees.map((x: { name: string }) => x.name)).toEqual(['Théo Technicien']);
    const lost = await s.call('POST', `/api/v1/tickets/${a}/claim`, tech2);
    expect(lost.status).toBe(409);
    expect(lost.body.error.code).toBe('already_claimed');
    expect(lost.body.error.message).toContain('Théo Technicien');

    expect((await s.call('POST', `/api/v1/tickets/${a}/comments`, tech1, { body: 'Je passe vous voir à 14h.' })).status).toBe(201);
    expect((await s.call('POST', `/api/v1/tickets/${a}/comments`, tech1, { body: 'Toner HS, commande en cours', internal: true })).status).toBe(201);
    const seenByAlice = await s.call('GET', `/api/v1/tickets/${a}/comments`, alice);
    expect(seenByAlice.body.items.map((c: { body: string }) => c.body)).toEqual(['Je passe vous voir à 14h.']);
    const seenByTech = await s.call('GET', `/api/v1/tickets/${a}/comments`, tech1);
    expect(seenByTech.body.items).toHaveLength(2);

    const b = await create(alice, 'Commande de toner');
    const link = await s.call('POST', `/api/v1/tickets/${a}/links`, tech1, { type: 'depends_on', ticket: b });
    expect(link.status).toBe(201);
    expect(link.body).toMatchObject({ type: 'depends_on', ticket: { number: b } });
    const fromB = await s.call('GET', `/api/v1/tickets/${b}/links`, tech1);
    expect(fromB.body.items).toEqual([expect.objectContaining({ type: 'blocks', ticket: expect.objectContaining({ number: a }) })]);

    expect((await s.call('POST', `/api/v1/tickets/${a}/external-refs`, tech1, { system: 'JIRA', key: 'IT-42', url: 'https://jira.exemple.fr/browse/IT-42' })).status).toBe(201);

    const pend = await s.call('POST', `/api/v1/tickets/${a}/status`, tech1, { status: 'pending', comment: 'En attente du toner' });
    expect(pend.status).toBe(200);
    expect(pend.body.status).toBe('pending');
    expect(pend.body.pendingSince).not.toBeNull();
    expect((await s.call('POST', `/api/v1/tickets/${a}/status`, tech1, { status: 'in_progress' })).body.status).toBe('in_progress');

    const blocked = await s.call('POST', `/api/v1/tickets/${a}/status`, tech1, { status: 'resolved', resolution: 'Toner remplacé' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('open_dependencies');
    expect(blocked.body.error.message).toContain(`#${b}`);

    expect((await s.call('POST', `/api/v1/tickets/${b}/status`, tech1, { status: 'resolved', resolution: 'Toner livré' })).status).toBe(200);
    const resolved = await s.call('POST', `/api/v1/tickets/${a}/status`, tech1, { status: 'resolved', resolution: 'Toner remplacé' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', resolution: 'Toner remplacé' });

    const closed = await s.call('POST', `/api/v1/tickets/${a}/status`, alice, { status: 'closed' });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    const reopened = await s.call('POST', `/api/v1/tickets/${a}/reopen`, tech1, { comment: 'Le problème revient' });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'assigned', reopenCount: 1, resolvedAt: null, closedAt: null });

    const history = await s.call('GET', `/api/v1/tickets/${a}/audit`, tech1);
    expect(history.status).toBe(200);
    const steps = history.body.items.map((e: { action: string; after: Record<string, unknown> | null }) => (e.action === 'status_changed' ? `status:${e.after?.status}` : e.action));
    expect(steps).toEqual([
      'created', 'claimed', 'commented', 'commented', 'linked', 'external_ref_added',
      'status:pending', 'status:in_progress', 'status:resolved', 'status:closed', 'reopened',
    ]);
    const claimed = history.body.items[1];
    expect(claimed).toMatchObject({ actorName: 'Théo Technicien', actorRole: 'technician', channel: 'api', before: { status: 'new', assigneeIds: [] } });
    const ids = history.body.items.map((e: { id: number }) => Number(e.id));
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
    // The requester reads the same history without the trace of the internal note or staff references.
    const forAlice = await s.call('GET', `/api/v1/tickets/${a}/audit`, alice);
    expect(forAlice.body.items.map((e: { action: string }) => e.action)).not.toContain('external_ref_added');
    expect(forAlice.body.items.filter((e: { action: string }) => e.action === 'commented')).toHaveLength(1);
  });

  it("gives an employee 404 on someone else's ticket, and shows them only their own (R16)", async () => {
    const a = await create(alice, 'Écran qui clignote');
    for (const [method, path, body] of [
      ['GET', `/api/v1/tickets/${a}`, undefined],
      ['GET', `/api/v1/tickets/${a}/audit`, undefined],
      ['POST', `/api/v1/tickets/${a}/comments`, { body: 'moi aussi' }],
      ['POST', `/api/v1/tickets/${a}/status`, { status: 'cancelled' }],
    ] as const) {
      const r = await s.call(method, path, bob, body);
      expect([method, path, r.status, r.body.error?.code]).toEqual([method, path, 404, 'ticket_not_found']);
    }
    await create(bob, 'Souris cassée');
    const mine = await s.call('GET', '/api/v1/tickets?requester=me', bob);
    expect(mine.body.items.map((t: { title: string }) => t.title)).toEqual(['Souris cassée']);
    const all = await s.call('GET', '/api/v1/tickets?limit=100', bob);
    expect(all.body.items.every((t: { requester: { name: string } }) => t.requester.name === 'Bob Durand')).toBe(true);
    const managerView = await s.call('GET', `/api/v1/tickets/${a}`, manager);
    expect(managerView.status).toBe(200);
  });

  it('refuses a depends_on cycle with 422 naming the loop, and writes nothing', async () => {
    const [x, y, z] = [await create(alice, 'X'), await create(alice, 'Y'), await create(alice, 'Z')];
    expect((await s.call('POST', `/api/v1/tickets/${x}/links`, tech1, { type: 'depends_on', ticket: y })).status).toBe(201);
    expect((await s.call('POST', `/api/v1/tickets/${y}/links`, tech1, { type: 'depends_on', ticket: z })).status).toBe(201);
    const cycle = await s.call('POST', `/api/v1/tickets/${z}/links`, tech1, { type: 'depends_on', ticket: x });
    expect(cycle.status).toBe(422);
    expect(cycle.body.error.code).toBe('link_cycle');
    expect(cycle.body.error.message).toContain(`#${z} → #${x} → #${y} → #${z}`);
    const zLinks = await s.call('GET', `/api/v1/tickets/${z}/links`, tech1);
    expect(zLinks.body.items).toEqual([expect.objectContaining({ type: 'blocks', ticket: expect.objectContaining({ number: y }) })]);
    // "blocks" is the same relation read from the other end, so it closes the loop too.
    expect((await s.call('POST', `/api/v1/tickets/${x}/links`, tech1, { type: 'blocks', ticket: z })).status).toBe(422);
  });

  it('lets a manager force a resolution over an open dependency, and the audit says so', async () => {
    const [p, q] = [await create(alice, 'Serveur de fichiers lent'), await create(alice, 'Disque plein')];
    await s.call('POST', `/api/v1/tickets/${p}/links`, tech1, { type: 'depends_on', ticket: q });
    const byTech = await s.call('POST', `/api/v1/tickets/${p}/status`, tech1, { status: 'resolved', resolution: 'ok', force: true });
    expect(byTech.status).toBe(409);
    const forced = await s.call('POST', `/api/v1/tickets/${p}/status`, manager, { status: 'resolved', resolution: 'Contourné', force: true });
    expect(forced.status).toBe(200);
    const audit = await s.call('GET', `/api/v1/tickets/${p}/audit`, manager);
    const last = audit.body.items[audit.body.items.length - 1];
    expect(last).toMatchObject({ action: 'status_forced', actorName: 'Manon Manager', after: { status: 'resolved', forcedOver: [q] } });
  });

  it('answers errors in the caller’s language', async () => {
    const fr = await s.token('employee', { email: 'francois@exemple.fr', name: 'François' });
    await s.call('PATCH', '/api/v1/people/francois@exemple.fr', admin, { locale: 'fr' });
    const r = await s.call('GET', '/api/v1/tickets/999999', fr);
    expect(r.status).toBe(404);
    expect(r.body.error.message).toBe('Le ticket #999999 est introuvable.');
    const en = await s.call('GET', '/api/v1/tickets/999999', alice);
    expect(en.body.error.message).toBe('Ticket #999999 was not found.');
  });
});
