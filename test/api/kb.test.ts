import { TEST_DATABASES } from '../support/db';
import { startTestServer, TestServer } from '../support/server';

/** Issue 8 §6: the knowledge base through the REST API alone, with its access rules (R15, R16, R9). */
describe.each(TEST_DATABASES)('R15 R2 R7 REST knowledge base on %s', (dbName) => {
  let s: TestServer;
  let admin: string, tech: string, alice: string;

  beforeAll(async () => {
    s = await startTestServer(dbName);
    admin = await s.token('admin');
    expect((await s.call('POST', '/api/v1/services', admin, { name: 'Support', slug: 'support' })).status).toBe(201);
    tech = await s.token('technician', { email: 'kb-tech@exemple.fr', name: 'Théo Technicien', services: ['support'] });
    alice = await s.token('employee', { email: 'kb-alice@exemple.fr', name: 'Alice Martin' });
    expect((await s.call('PATCH', '/api/v1/categories/hardware', admin, { defaultService: 'support' })).status).toBe(200);
  });
  afterAll(() => s.close());

  const post = async (token: string, body: Record<string, unknown>) => {
    const r = await s.call('POST', '/api/v1/kb/articles', token, body);
    expect([r.status, r.body?.error]).toEqual([201, undefined]);
    return r.body;
  };

  it('creates, edits, publishes, searches, reads and counts an article', async () => {
    const a = await post(tech, { title: 'Réinitialiser son mot de passe Windows', body: '1. Ctrl+Alt+Suppr\n2. **Modifier le mot de passe**', kind: 'procedure', tags: ['mot de passe'], language: 'fr' });
    expect(a).toMatchObject({ status: 'draft', version: 1, author: { name: 'Théo Technicien' } });
    expect((await s.call('GET', `/api/v1/kb/articles/${a.id}`, alice)).status).toBe(404);
    const edited = await s.call('PATCH', `/api/v1/kb/articles/${a.id}`, tech, { title: 'Mot de passe Windows oublié', version: 1 });
    expect([edited.status, edited.body.version]).toEqual([200, 2]);
    const stale = await s.call('PATCH', `/api/v1/kb/articles/${a.id}`, tech, { title: 'Autre', version: 1 });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'article_changed']);
    expect((await s.call('POST', `/api/v1/kb/articles/${a.id}/publish`, tech)).body.status).toBe('published');
    const found = await s.call('GET', '/api/v1/kb/articles?q=mots%20de%20passe%20oublies&lang=fr', alice);
    expect(found.status).toBe(200);
    expect(found.body.items.map((x: { id: number }) => x.id)).toEqual([a.id]);
    expect(found.body.items[0].body).toBeUndefined();
    expect(found.body.items[0].excerpt).toContain('Modifier le mot de passe');
    expect((await s.call('GET', '/api/v1/kb/articles?q=passe&lang=en', alice)).body.items).toEqual([]);
    const read = await s.call('GET', `/api/v1/kb/articles/${a.id}`, alice);
    expect([read.status, read.body.viewCount, read.body.tickets]).toEqual([200, 1, undefined]);
    const helped = await s.call('POST', `/api/v1/kb/articles/${a.id}/helpful`, alice);
    expect([helped.status, helped.body.helpfulCount]).toEqual([200, 1]);
    const versions = await s.call('GET', `/api/v1/kb/articles/${a.id}/versions`, tech);
    expect(versions.body.items.map((v: { version: number; editorName: string }) => `${v.version}:${v.editorName}`)).toEqual(['1:Théo Technicien', '2:Théo Technicien']);
    expect((await s.call('GET', `/api/v1/kb/articles/${a.id}/versions`, alice)).status).toBe(403);
  });

  it('never lets an employee see a technician-only article, in search or by id', async () => {
    const internal = await post(tech, { title: 'VPN : certificat machine à renouveler', body: 'certutil sur le poste', audience: 'technicians', publish: true });
    const pub = await post(tech, { title: 'VPN : se connecter depuis la maison', body: 'Ouvrez le client VPN.', publish: true });
    const forAlice = await s.call('GET', '/api/v1/kb/articles?q=vpn', alice);
    expect(forAlice.body.items.map((x: { id: number }) => x.id)).toEqual([pub.id]);
    expect((await s.call('GET', '/api/v1/kb/articles?q=certificat', alice)).body.items).toEqual([]);
    const byId = await s.call('GET', `/api/v1/kb/articles/${internal.id}`, alice);
    expect([byId.status, byId.body.error.code]).toEqual([404, 'article_not_found']);
    const forTech = await s.call('GET', '/api/v1/kb/articles?q=vpn', tech);
    expect(forTech.body.items.map((x: { id: number }) => x.id).sort()).toEqual([internal.id, pub.id].sort());
  });

  it('drafts an article from a resolved ticket, and each side reads the link', async () => {
    const n = (await s.call('POST', '/api/v1/tickets', alice, { title: 'Teams : micro coupé en réunion', description: 'On ne m’entend plus', category: 'hardware' })).body.number;
    const early = await s.call('POST', `/api/v1/tickets/${n}/article`, tech);
    expect([early.status, early.body.error.code]).toEqual([422, 'ticket_not_resolved']);
    expect((await s.call('POST', `/api/v1/tickets/${n}/status`, tech, { status: 'resolved', resolution: 'Périphérique audio par défaut corrigé dans Teams' })).status).toBe(200);
    const suggestions = await s.call('GET', `/api/v1/tickets/${n}/suggestions`, tech);
    expect([suggestions.status, Array.isArray(suggestions.body.articles), Array.isArray(suggestions.body.tickets)]).toEqual([200, true, true]);
    expect((await s.call('GET', `/api/v1/tickets/${n}/suggestions`, alice)).status).toBe(403);
    const draft = await s.call('POST', `/api/v1/tickets/${n}/article`, tech, { audience: 'everyone' });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', resolvedCount: 1, tickets: [n], title: 'Teams : micro coupé en réunion' });
    expect((await s.call('POST', `/api/v1/tickets/${n}/article`, tech)).status).toBe(200);
    const fromTicket = await s.call('GET', `/api/v1/tickets/${n}/articles`, tech);
    expect(fromTicket.body.items.map((x: { id: number }) => x.id)).toEqual([draft.body.id]);
    // A draft stays hidden from the requester until published.
    expect((await s.call('GET', `/api/v1/tickets/${n}/articles`, alice)).body.items).toEqual([]);
    await s.call('POST', `/api/v1/kb/articles/${draft.body.id}/publish`, tech);
    expect((await s.call('GET', `/api/v1/tickets/${n}/articles`, alice)).body.items.map((x: { id: number }) => x.id)).toEqual([draft.body.id]);
  });

  it('answers errors as JSON 4xx in the caller’s language', async () => {
    for (const [method, path, token, body, status, code] of [
      ['GET', '/api/v1/kb/articles', null, undefined, 401, 'unauthenticated'],
      ['GET', '/api/v1/kb/articles/abc', alice, undefined, 404, 'article_not_found'],
      ['GET', '/api/v1/kb/articles/0', alice, undefined, 404, 'article_not_found'],
      ['GET', '/api/v1/kb/articles?limit=500', alice, undefined, 400, 'validation_failed'],
      ['GET', '/api/v1/kb/articles?lang=de', alice, undefined, 400, 'validation_failed'],
      ['POST', '/api/v1/kb/articles', alice, { title: 'x', body: 'y' }, 403, 'forbidden'],
      ['POST', '/api/v1/kb/articles', tech, { title: 'x', body: 'y', audience: 'managers' }, 400, 'validation_failed'],
      ['POST', '/api/v1/kb/articles', tech, '{"title":', 400, 'invalid_json'],
      ['PATCH', '/api/v1/kb/articles/999999', tech, { title: 'x' }, 404, 'article_not_found'],
      ['DELETE', '/api/v1/kb/articles/999999', alice, undefined, 403, 'forbidden'],
      ['POST', '/api/v1/tickets/999999/article', tech, {}, 404, 'ticket_not_found'],
      ['POST', '/api/v1/tickets/1/article', tech, { article: 'x' }, 400, 'validation_failed'],
    ] as const) {
      const r = await s.call(method, path, token, body);
      expect([method, path, r.status, r.body?.error?.code, typeof r.body?.error?.message]).toEqual([method, path, status, code, 'string']);
    }
    const en = await s.call('GET', '/api/v1/kb/articles/424242', alice);
    expect(en.body.error.message).toBe('Article 424242 was not found.');
  });
});
