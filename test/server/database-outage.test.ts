import { loadSettings } from '../../adapters/config/settings';
import { openDatabase, type Database } from '../../adapters/sequelize/database';
import { startServer, type Running } from '../../main';
import { createToken } from '../../core/people/create-token.service';
import { createPerson } from '../../core/people/manage-people.service';
import { systemActor } from '../../core/shared/actor';
import { mariadbUrl, openTestDb, TEST_DATABASES, type TestDb } from '../support/db';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { WebClient } from '../web/web-client';

/**
 * R18 (service continuity): while the database is away, /healthz says 503, the REST API answers a
 * coded 503 with Retry-After (never 500 internal_error), and the web shows a page saying to try
 * again in a minute. Once it is back, everything answers again. MariaDB goes away behind a TCP relay
 * the test cuts; SQLite's handle is closed under the server.
 */
const operator = { ...systemActor('en'), channel: 'cli' as const, name: 'test operator' };

describe.each(TEST_DATABASES)('R18 a database outage is a 503 with Retry-After, not a 500 (%s)', (dbName) => {
  let t: TestDb;
  let db: Database;
  let proxy: TcpProxy | null = null;
  let running: Running;
  let token: string;
  let web: WebClient;

  beforeAll(async () => {
    t = await openTestDb(dbName);
    if (dbName === 'mariadb') {
      const u = new URL(mariadbUrl());
      proxy = await startTcpProxy(u.hostname, Number(u.port || 3306));
      u.host = `127.0.0.1:${proxy.port}`;
      db = await openDatabase(u.toString(), { poolMax: 4 });
    } else db = t.db;
    running = await startServer(loadSettings({ PORT: '0', LOG_LEVEL: 'silent', HELPDESK_LOCALE: 'en' }), { db, quiet: true, notifications: { timers: false } });
    const ann = await createPerson(running.deps, operator, { displayName: 'Ann', email: 'ann-outage@example.com', role: 'employee', locale: 'en' });
    token = (await createToken(running.deps, operator, { name: 'outage', role: 'employee', user: ann.id })).token;
    web = new WebClient(running.url);
    await web.signIn(ann.id);
    expect((await fetch(`${running.url}/api/v1/tickets`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });
  afterAll(async () => {
    await running?.close();
    if (proxy) {
      await db.close().catch(() => undefined);
      await proxy.close();
    }
    await t?.close().catch(() => undefined);
  });

  it('REST 503 + Retry-After + service_unavailable, the web a "try again in a minute" page, /healthz 503', async () => {
    if (proxy) proxy.cut();
    else await db.close();
    const health = await fetch(`${running.url}/healthz`);
    expect(health.status).toBe(503);
    for (const [method, path, body] of [['GET', '/api/v1/tickets', undefined], ['POST', '/api/v1/tickets', { title: 'Pendant la panne' }], ['GET', '/api/v1/tickets/1', undefined]] as const) {
      const r = await fetch(`${running.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'accept-language': 'en' }, body: body && JSON.stringify(body) });
      const json = (await r.json()) as { error: { code: string; message: string } };
      expect([method, path, r.status, json.error.code]).toEqual([method, path, 503, 'service_unavailable']);
      expect(r.headers.get('retry-after')).toBe('60');
      expect(json.error.message).toMatch(/try again in a minute/);
    }
    for (const path of ['/tickets', '/report']) {
      const page = await web.get(path);
      expect([path, page.status]).toEqual([path, 503]);
      expect(page.text).toContain('try again in a minute');
      expect(page.text).toContain('<html');
    }
    if (proxy) {
      // Back: the same server answers again without a restart.
      proxy.restore();
      let status = 0;
      for (let i = 0; i < 50 && status !== 200; i++) {
        status = (await fetch(`${running.url}/api/v1/tickets`, { headers: { authorization: `Bearer ${token}` } })).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe(200);
      expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    }
  }, 60_000);
});
