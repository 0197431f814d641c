import { startTestServer, TestServer } from '../support/server';
import { TEST_DATABASES } from '../support/db';
import { createPerson } from '../../core/people/manage-people.service';
import { systemActor } from '../../core/shared/actor';
import { WebClient } from './web-client';

/** R4 from the web (issue 5 "set from chat, from the web and the API"): each person's notification choice. */
const admin = { ...systemActor('en'), channel: 'cli' as const, name: 'test admin' };

describe.each(TEST_DATABASES)('web notification settings on %s', (dbName) => {
  let s: TestServer;
  let ann: number;
  beforeAll(async () => {
    s = await startTestServer(dbName);
    ann = (await createPerson(s.running.deps, admin, { displayName: 'Ann', email: 'ann@example.com', phone: '+33612345678', role: 'employee', locale: 'en' })).id;
  });
  afterAll(() => s?.close());
  const stored = () => s.t.uow.read.notifications.preferences(ann);

  it('shows the default, saves channels, hourly digest and quiet hours, and says them back', async () => {
    const c = new WebClient(s.url);
    await c.signIn(ann);
    const first = await c.get('/settings');
    expect(first.status).toBe(200);
    expect(first.text).toContain('<h1>My notifications</h1>');
    expect(first.text).toMatch(/<input type="radio" name="rhythm" value="immediate" checked>/);
    expect(await stored()).toBeNull();
    const token = await c.csrf('/settings');
    const saved = await c.post('/settings', { _csrf: token, channels: ['email', 'sms'], rhythm: 'hourly', quietHours: '1' });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe('/settings?done=saved');
    expect(await stored()).toMatchObject({ channels: ['email', 'sms'], rhythm: 'hourly', quietHours: true });
    const after = await c.get('/settings?done=saved');
    expect(after.text).toContain('Your choice is saved.');
    expect(after.text).toMatch(/value="email" checked/);
    expect(after.text).toMatch(/value="hourly" checked/);
  });

  it('refuses an unknown channel or a missing token, and changes nothing', async () => {
    const c = new WebClient(s.url);
    await c.signIn(ann);
    const before = await stored();
    const bad = await c.post('/settings', { _csrf: await c.csrf('/settings'), channels: ['fax'], rhythm: 'hourly' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('class="notice refused"');
    expect((await c.post('/settings', { channels: ['email'], rhythm: 'immediate' })).status).toBe(403);
    expect(await stored()).toEqual(before);
  });
});
