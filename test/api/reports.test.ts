import { startTestServer, TestServer } from '../support/server';
import { TEST_DATABASES } from '../support/db';
import { World, testClock } from '../support/fixtures';
import { NOW, seedReportWeek } from '../core/reports/report-fixture';

/** GET /api/v1/reports: the report over HTTP, as JSON, CSV and Markdown, for whoever may read it. */
describe.each(TEST_DATABASES)('GET /api/v1/reports (R8 reports, R16 access) on %s', (dbName) => {
  let s: TestServer;
  let manager: string;
  beforeAll(async () => {
    const clock = testClock(NOW);
    s = await startTestServer(dbName, { clock });
    const w = new World(s.t, clock);
    await seedReportWeek(w);
    manager = await s.token('manager', { email: 'mia@example.test', name: 'Mia' });
  });
  afterAll(() => s.close());

  it('answers JSON with every volume of the week', async () => {
    const r = await s.call('GET', '/api/v1/reports?period=weekly&from=2026-11-16', manager);
    expect(r.status).toBe(200);
    expect(r.body.volumes).toEqual({ opened: 6, resolved: 4, closed: 2, backlogStart: 3, backlogEnd: 4, overdueNow: 2 });
    expect(r.body.durations.resolution).toEqual({ count: 4, meanMinutes: 2400, medianMinutes: 1050 });
    expect(r.body.locale).toBe('en');
  });

  it('answers CSV and Markdown as downloadable files, in the asked language', async () => {
    const csv = await fetch(`${s.url}/api/v1/reports?period=weekly&from=2026-11-16&service=reseau&format=csv&lang=fr`, { headers: { authorization: `Bearer ${manager}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename=report-weekly-2026-11-16.csv');
    const text = await csv.text();
    expect(text).toContain('\r\nVolumes,opened,Ouverts,Tickets,2\r\n');
    expect(text).toContain('\r\nPar technicien,');
    const md = await s.call('GET', '/api/v1/reports?period=monthly&from=2026-11-02&format=md', manager);
    expect(md.status).toBe(200);
    // Every ticket of the fixture was opened in November (the earliest on the 2nd).
    expect(md.raw).toContain('# Monthly report from 1 Nov 2026 to 30 Nov 2026\n');
    expect(md.raw).toContain('| Opened | 10 |');
  });

  it('refuses employees (403) and bad parameters (400), in the JSON error shape', async () => {
    const employee = await s.token('employee', { email: 'eve2@example.test' });
    const forbidden = await s.call('GET', '/api/v1/reports', employee);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');
    for (const q of ['format=pdf', 'period=daily', 'from=yesterday', 'bogus=1']) {
      const bad = await s.call('GET', `/api/v1/reports?${q}`, manager);
      expect([q, bad.status, bad.body.error.code]).toEqual([q, 400, 'validation_failed']);
    }
    expect((await s.call('GET', '/api/v1/reports', null)).status).toBe(401);
  });

  it("gives a technician token their own figures by default", async () => {
    const tech = await s.token('technician', { email: 'tom@example.test', name: 'Tom', services: ['poste'] });
    const r = await s.call('GET', '/api/v1/reports?from=2026-11-16', tech);
    expect(r.status).toBe(200);
    expect(r.body.scope).toMatchObject({ kind: 'technician', name: 'Tom' });
    expect(r.body.volumes.opened).toBe(0);
    expect((await s.call('GET', '/api/v1/reports?from=2026-11-16&service=poste', tech)).body.volumes.opened).toBe(4);
    expect((await s.call('GET', '/api/v1/reports?from=2026-11-16&service=reseau', tech)).status).toBe(403);
  });
});
