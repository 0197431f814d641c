import { loadSettings } from '../../adapters/config/settings';
import { openDatabase } from '../../adapters/sequelize/database';
import { startServer } from '../../main';

/** Issue 2 §6: /healthz says 200 while the database answers and 503 once it does not (R18). */
describe('GET /healthz (R18)', () => {
  it('turns 503 when the database stops answering, and routes still answer JSON', async () => {
    const db = await openDatabase('sqlite::memory:');
    const running = await startServer(loadSettings({ PORT: '0', LOG_LEVEL: 'silent' }), { db, quiet: true });
    try {
      const ok = await fetch(`${running.url}/healthz`);
      expect([ok.status, await ok.json()]).toEqual([200, { status: 'ok' }]);
      await db.close();
      const down = await fetch(`${running.url}/healthz`);
      expect([down.status, await down.json()]).toEqual([503, { status: 'unavailable' }]);
      const unknown = await fetch(`${running.url}/api/v1/nowhere`);
      expect(unknown.status).toBe(401);
    } finally {
      await running.close();
    }
  });

  it('serves the OpenAPI document without a token and refuses a bad token in the default language', async () => {
    const db = await openDatabase('sqlite::memory:');
    const running = await startServer(loadSettings({ PORT: '0', LOG_LEVEL: 'silent', HELPDESK_LOCALE: 'fr' }), { db, quiet: true });
    try {
      const res = await fetch(`${running.url}/api/v1/openapi.json`);
      const doc = (await res.json()) as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/tickets', '/tickets/{number}/claim', '/tickets/{number}/audit', '/people', '/services']));
      const r = await fetch(`${running.url}/api/v1/nowhere`, { headers: { authorization: 'Bearer short' } });
      expect(r.status).toBe(401);
      expect(((await r.json()) as { error: { message: string } }).error.message).toBe('Identification requise : fournissez un jeton valide.');
    } finally {
      await running.close();
      await db.close();
    }
  });
});
