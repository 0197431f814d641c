import { startTestServer, TestServer } from '../support/server';
import { TEST_DATABASES } from '../support/db';
import { createPerson } from '../../core/people/manage-people.service';
import { systemActor } from '../../core/shared/actor';
import { createTicket } from '../../core/tickets/create-ticket.service';
import { addComment } from '../../core/tickets/add-comment.service';
import { WebClient } from '../web/web-client';

/**
 * R9: a NUL byte in a title, description, comment or search is bad input: REST answers a coded 400
 * and the web a 400 page, writing nothing; what reaches the core another way (chat, mail, SMS) is
 * stored without it, on SQLite (where it used to end the SQL text: "unrecognized token") and MariaDB.
 */
const NUL = 'Imprimante\u0000 en panne';
const operator = { ...systemActor('en'), channel: 'cli' as const, name: 'test operator' };

describe.each(TEST_DATABASES)('R9 NUL bytes are refused or stored safely (%s)', (dbName) => {
  let s: TestServer;
  let emp: string;
  let ticket: number;
  const count = async (table: string) => Number(((await s.t.db.sequelize.query(`SELECT COUNT(*) AS n FROM ${table}`, { plain: true })) as { n: number | string }).n);

  beforeAll(async () => {
    s = await startTestServer(dbName);
    emp = await s.token('employee', { email: 'nul@example.com' });
    ticket = (await s.call('POST', '/api/v1/tickets', emp, { title: 'Base' })).body.number;
  });
  afterAll(() => s?.close());

  it('REST: every text field and the list search answer 400 invalid_text, and nothing is written', async () => {
    const before = [await count('tickets'), await count('comments'), await count('audit_entries')];
    const cases: Array<[string, string, unknown]> = [
      ['POST', '/api/v1/tickets', { title: NUL }],
      ['POST', '/api/v1/tickets', { title: 'ok', description: NUL }],
      ['PATCH', `/api/v1/tickets/${ticket}`, { title: NUL }],
      ['POST', `/api/v1/tickets/${ticket}/comments`, { body: NUL }],
      ['POST', `/api/v1/tickets/${ticket}/comments`, { body: 'ok', nested: [{ deep: NUL }] }],
      ['GET', `/api/v1/tickets?q=${encodeURIComponent(NUL)}`, undefined],
      ['GET', `/api/v1/kb/articles?q=${encodeURIComponent(NUL)}`, undefined],
    ];
    for (const [method, path, body] of cases) {
      const r = await s.call(method, path, emp, body);
      expect([method, path, r.status, r.body?.error?.code]).toEqual([method, path, 400, 'invalid_text']);
      expect(typeof r.body.error.message).toBe('string');
    }
    expect([await count('tickets'), await count('comments'), await count('audit_entries')]).toEqual(before);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });

  it('web: the report form, a comment and the list search answer 400 with a page, writing nothing', async () => {
    const ann = await createPerson(s.running.deps, operator, { displayName: 'Ann', email: 'ann-nul@example.com', role: 'employee', locale: 'en' });
    const c = new WebClient(s.url);
    await c.signIn(ann.id);
    const before = await count('tickets');
    const report = await c.post('/report', { _csrf: await c.csrf('/report'), title: NUL, urgency: 'medium' });
    expect(report.status).toBe(400);
    expect(report.text).toContain('NUL');
    const multipart = await c.postMultipart('/report', { _csrf: await c.csrf('/report'), title: 'ok', description: NUL, urgency: 'medium' });
    expect(multipart.status).toBe(400);
    const list = await c.get(`/tickets?q=${encodeURIComponent(NUL)}`);
    expect(list.status).toBe(400);
    expect(await count('tickets')).toBe(before);
  });

  it('what reaches the core by another way (chat, mail, SMS) is stored without the NUL, and found again', async () => {
    const w = await createPerson(s.running.deps, operator, { displayName: 'Wes', email: 'wes-nul@example.com', role: 'employee', locale: 'en' });
    const actor = { personId: w.id, role: 'employee' as const, serviceIds: [], channel: 'slack' as const, name: 'Wes', locale: 'en' as const };
    const made = await createTicket(s.running.deps, actor, { title: NUL, description: `ligne 1\u0000ligne 2` });
    await addComment(s.running.deps, actor, made.ticket.id, { body: 'merci\u0000' });
    const r = await s.call('GET', `/api/v1/tickets/${made.ticket.id}`, await s.token('admin'));
    expect(r.status).toBe(200);
    expect(r.body.title).toBe('Imprimante en panne');
    expect(r.body.description).toBe('ligne 1ligne 2');
    const comments = await s.call('GET', `/api/v1/tickets/${made.ticket.id}/comments`, await s.token('admin'));
    expect(comments.body.items.map((x: { body: string }) => x.body)).toEqual(['merci']);
  });
});
