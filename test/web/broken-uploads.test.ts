import net from 'node:net';
import { startTestServer, TestServer } from '../support/server';
import { TEST_DATABASES } from '../support/db';
import { createPerson } from '../../core/people/manage-people.service';
import { systemActor } from '../../core/shared/actor';
import { WebClient } from './web-client';
import { BROKEN_MULTIPART, rawRequest } from '../support/hostile';

/**
 * R1/R9: a truncated or malformed multipart body on any upload route (web report form, web ticket
 * attachments, REST attachments) is refused with a 4xx, writes nothing, and never stops the server:
 * /healthz answers after each one. Bodies are written on a raw socket, cut where a browser or an
 * attacker might cut them.
 */
const admin = { ...systemActor('en'), channel: 'cli' as const, name: 'test admin' };

describe.each(TEST_DATABASES)('R1/R9 broken uploads never stop the server (%s)', (dbName) => {
  let s: TestServer;
  let web: WebClient;
  let token: string;
  let ticket: number;
  const count = async (table: string) => Number(((await s.t.db.sequelize.query(`SELECT COUNT(*) AS n FROM ${table}`, { plain: true })) as { n: number | string }).n);
  const healthy = async () => expect((await fetch(`${s.url}/healthz`)).status).toBe(200);

  beforeAll(async () => {
    s = await startTestServer(dbName);
    const ann = await createPerson(s.running.deps, admin, { displayName: 'Ann', email: 'ann@example.com', role: 'employee', locale: 'en' });
    web = new WebClient(s.url);
    await web.signIn(ann.id);
    token = await s.token('employee', { email: 'api-ann@example.com' });
    ticket = (await s.call('POST', '/api/v1/tickets', token, { title: 'Base' })).body.number;
    const r = await web.postMultipart('/report', { _csrf: await web.csrf('/report'), title: 'Mine', urgency: 'medium' });
    expect(r.status).toBe(303);
  });
  afterAll(() => s?.close());

  it('web: /report and /tickets/:n/attachments answer every broken body with a 4xx (no CSRF token needed to try), and keep serving', async () => {
    const mine = Number((await s.t.db.sequelize.query('SELECT MAX(id) AS n FROM tickets', { plain: true }) as { n: number }).n);
    const before = [await count('tickets'), await count('attachments')];
    const csrf = await web.csrf('/report');
    for (const path of ['/report', `/tickets/${mine}/attachments`]) {
      for (const b of BROKEN_MULTIPART(csrf)) {
        const r = await rawRequest(s.url, 'POST', path, { cookie: `hd_session=${web.cookie}`, 'content-type': b.contentType }, b.body, { cut: b.cut });
        if (r.status !== null && (r.status < 400 || r.status >= 500)) throw new Error(`${path} ${b.name}: ${r.status}`);
        await healthy();
      }
    }
    expect([await count('tickets'), await count('attachments')]).toEqual(before);
  });

  it('REST: POST /api/v1/tickets/:n/attachments (a raw body) cut in the middle stores nothing and keeps serving', async () => {
    const before = await count('attachments');
    for (const b of BROKEN_MULTIPART('x')) {
      const r = await rawRequest(s.url, 'POST', `/api/v1/tickets/${ticket}/attachments?filename=t.bin`, { authorization: `Bearer ${token}`, 'content-type': b.contentType }, b.body, { cut: true });
      if (r.status !== null && (r.status < 400 || r.status >= 500)) throw new Error(`REST ${b.name}: ${r.status} ${r.text}`);
      await healthy();
    }
    // A body shorter than its Content-Length, then the socket closed: the server lives on.
    await new Promise<void>((resolve) => {
      const u = new URL(s.url);
      const sock = net.connect(Number(u.port), u.hostname, () => {
        sock.end(`POST /api/v1/tickets/${ticket}/attachments?filename=a.bin HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000\r\n\r\nabc`);
      });
      sock.on('close', () => resolve());
      sock.on('error', () => resolve());
      sock.resume();
    });
    await healthy();
    expect(await count('attachments')).toBe(before);
    expect((await s.call('GET', `/api/v1/tickets/${ticket}`, token)).status).toBe(200);
  });
});
