import { startTestServer, TestServer } from '../support/server';
import { TEST_DATABASES } from '../support/db';
import { createPerson } from '../../core/people/manage-people.service';
import { createTicket } from '../../core/tickets/create-ticket.service';
import { linkTickets } from '../../core/tickets/link-tickets.service';
import { actorForPerson } from '../../core/people/actor-for-person';
import { systemActor } from '../../core/shared/actor';
import { WebClient } from './web-client';

const admin = { ...systemActor('en'), channel: 'cli' as const, name: 'test admin' };

/** The web forms a new user meets: phone support's caller (R1), a refused resolve (R5), attachments (R15). */
describe.each(TEST_DATABASES)('web forms on day one (R1, R5) on %s', (dbName) => {
  let s: TestServer;
  const id: Record<string, number> = {};
  const as = async (who: string) => {
    const c = new WebClient(s.url);
    await c.signIn(id[who]);
    return c;
  };
  const ticketRow = async (n: number) => (await s.t.db.sequelize.query('SELECT requester_id, created_by_id, source_channel FROM tickets WHERE id = ?', { replacements: [n], plain: true })) as { requester_id: number; created_by_id: number; source_channel: string };

  beforeAll(async () => {
    s = await startTestServer(dbName);
    for (const [name, role] of [['Ann', 'employee'], ['Pat', 'technician']] as const) {
      id[name] = (await createPerson(s.running.deps, admin, { displayName: name, email: `${name.toLowerCase()}@example.com`, role, locale: 'en', ...(name === 'Ann' ? { phone: '06 12 34 56 78' } : {}) })).id;
    }
  });
  afterAll(() => s?.close());

  it('staff file for a caller from the web form, matched by phone or e-mail as on REST; employees see no caller field', async () => {
    const ann = await as('Ann');
    expect((await ann.get('/report')).text).not.toContain('name="caller"');
    const pat = await as('Pat');
    const form = await pat.get('/report');
    expect(form.text).toContain('name="caller"');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    const known = await pat.postMultipart('/report', { _csrf: csrf, title: 'Screen flickers', urgency: 'medium', caller: '+33 6 12 34 56 78' });
    expect(known.status).toBe(303);
    const n = Number(/\/tickets\/(\d+)/.exec(known.location!)![1]);
    expect(await ticketRow(n)).toMatchObject({ requester_id: id.Ann, created_by_id: id.Pat });
    const fresh = await pat.postMultipart('/report', { _csrf: csrf, title: 'No network', urgency: 'high', caller: 'new.caller@example.com', callerName: 'New Caller' });
    expect(fresh.status).toBe(303);
    const caller = await s.t.uow.read.people.find({ by: 'email', value: 'new.caller@example.com' });
    expect(caller?.displayName).toBe('New Caller');
    const unknown = await pat.postMultipart('/report', { _csrf: csrf, title: 'Who?', urgency: 'low', caller: 'somebody' });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toMatch(/id="err-caller"[^>]*>Nobody found for &quot;somebody&quot;/);
    expect(unknown.text).toContain('value="Who?"');
  });

  it('a refused resolve keeps the resolution typed and the status chosen, with the reason beside them', async () => {
    const deps = s.running.deps;
    const ann = await actorForPerson(deps, deps.uow.read, (await deps.uow.read.people.get(id.Ann))!, 'web');
    const blocker = await createTicket(deps, ann, { title: 'Switch down', description: '' });
    const t = await createTicket(deps, ann, { title: 'Printer offline', description: '' });
    await linkTickets(deps, admin, t.ticket.id, { type: 'depends_on', ticket: blocker.ticket.id });
    const pat = await as('Pat');
    const csrf = await pat.csrf(`/tickets/${t.ticket.id}`);
    const r = await pat.post(`/tickets/${t.ticket.id}/status`, { _csrf: csrf, status: 'resolved', resolution: 'Replaced the toner & restarted' });
    expect(r.status).toBe(409);
    expect(r.text).toContain('<option value="resolved" selected>');
    expect(r.text).toContain('>Replaced the toner &amp; restarted</textarea>');
    expect(r.text).toMatch(new RegExp(`id="err-status"[^>]*>Ticket #${t.ticket.id} depends on tickets that are still open: #${blocker.ticket.id}`));
  });

  it('the ticket page offers the upload field without saying "No attachment" above it', async () => {
    const pat = await as('Pat');
    const deps = s.running.deps;
    const ann = await actorForPerson(deps, deps.uow.read, (await deps.uow.read.people.get(id.Ann))!, 'web');
    const t = await createTicket(deps, ann, { title: 'Mouse broken', description: '' });
    const page = await pat.get(`/tickets/${t.ticket.id}`);
    expect(page.text).toContain('name="attachment" type="file"');
    expect(page.text).not.toContain('No attachment.');
  });
});
