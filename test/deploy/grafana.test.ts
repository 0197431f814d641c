import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueryTypes } from 'sequelize';
import { openTestDb, TEST_DATABASES, TestDb } from '../support/db';
import { startTestServer } from '../support/server';
import { World, testClock } from '../support/fixtures';
import { NOW, seedReportWeek } from '../core/reports/report-fixture';

/** deploy/grafana (R6): the dashboard parses, names our datasources and metrics, and its SQL runs on MariaDB. */
const root = join(__dirname, '../../deploy/grafana');
const dashboard = JSON.parse(readFileSync(join(root, 'dashboards/helpdesk.json'), 'utf8'));
interface Target { refId: string; rawSql?: string; expr?: string; datasource: { uid: string } }
interface Panel { id: number; title: string; datasource: { type: string; uid: string }; targets: Target[] }
const panels: Panel[] = dashboard.panels;
const sqlPanels = panels.filter((p) => p.datasource.type === 'mysql');
const promPanels = panels.filter((p) => p.datasource.type === 'prometheus');

/** The columns each SQL panel's visualisation reads. */
const COLUMNS: Record<string, string[]> = {
  'Backlog by status': ['status', 'tickets'],
  'Tickets opened and resolved per day': ['time', 'opened', 'resolved'],
  'Mean resolution time per service (wall-clock hours)': ['service', 'mean_hours', 'resolved'],
  'Overdue tickets by service': ['service', 'overdue'],
  'SLA compliance': ['owned_in_time_pct', 'resolved_in_time_pct'],
  'Tickets resolved per technician': ['technician', 'resolved', 'mean_hours'],
};

describe('Grafana dashboard and provisioning files (R6 Grafana)', () => {
  it('is one dashboard with unique panel ids, each on a provisioned datasource', () => {
    expect(dashboard.uid).toBe('helpdesk-overview');
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    const datasources = readFileSync(join(root, 'provisioning/datasources/helpdesk.yaml'), 'utf8');
    for (const p of panels) {
      expect(datasources).toContain(`uid: ${p.datasource.uid}\n    type: ${p.datasource.type}\n`);
      for (const t of p.targets) expect(t.datasource.uid).toBe(p.datasource.uid);
    }
    expect(sqlPanels.map((p) => p.title).sort()).toEqual(Object.keys(COLUMNS).sort());
    expect(promPanels.length).toBeGreaterThanOrEqual(4);
    const providers = readFileSync(join(root, 'provisioning/dashboards/helpdesk.yaml'), 'utf8');
    expect(providers).toMatch(/^apiVersion: 1\nproviders:\n {2}- name: helpdesk\n/m);
    expect(providers).toMatch(/\n {6}path: \/var\/lib\/grafana\/dashboards\/helpdesk\n/);
  });

  it('asks Prometheus only for metrics that GET /metrics exposes', async () => {
    const s = await startTestServer('sqlite');
    try {
      const text = await (await fetch(`${s.url}/metrics`)).text();
      const exposed = new Set([...text.matchAll(/^# TYPE (\w+) (\w+)$/gm)].flatMap(([, name, type]) =>
        type === 'histogram' ? [`${name}_bucket`, `${name}_count`, `${name}_sum`] : [name]));
      const used = promPanels.flatMap((p) => p.targets.flatMap((t) => t.expr!.match(/helpdesk_\w+/g) ?? []));
      expect(used.length).toBeGreaterThanOrEqual(promPanels.length);
      for (const name of used) expect([name, exposed.has(name)]).toEqual([name, true]);
    } finally {
      await s.close();
    }
  });
});

/** Grafana expands its macros before MySQL sees the text; the test does the same with a fixed range. */
const expand = (sql: string) =>
  sql.replace(/\$__timeFilter\(([\w.]+)\)/g, "$1 BETWEEN '2026-11-01 00:00:00' AND '2026-12-01 00:00:00'");

for (const dbName of TEST_DATABASES.filter((n) => n === 'mariadb')) {
  describe(`Grafana SQL panels run on ${dbName} (R6 Grafana, R8 reports)`, () => {
    let db: TestDb;
    beforeAll(async () => {
      db = await openTestDb(dbName);
      await seedReportWeek(new World(db, testClock(NOW)));
    });
    afterAll(() => db.close());

    it.each(sqlPanels.map((p) => [p.title, p] as const))('%s', async (title, panel) => {
      for (const target of panel.targets) {
        const sql = expand(target.rawSql!);
        expect(sql).not.toContain('$');
        const rows = (await db.db.sequelize.query(sql, { type: QueryTypes.SELECT })) as Array<Record<string, unknown>>;
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) expect(Object.keys(row)).toEqual(COLUMNS[title]);
      }
    });

    it('gives the fixture week the figures the report gives', async () => {
      const run = async (title: string) =>
        (await db.db.sequelize.query(expand(sqlPanels.find((p) => p.title === title)!.targets[0].rawSql!), { type: QueryTypes.SELECT })) as any[];
      expect((await run('Backlog by status')).map((r) => [r.status, Number(r.tickets)]).sort()).toEqual([['in_progress', 1], ['new', 1], ['pending', 1]]);
      // November: 10 opened; resolved #1 #2 #3 #8 #9 #10; owned in time: all 8 owned but #2; resolved in time #1 #8 #9 of 6.
      const days = await run('Tickets opened and resolved per day');
      expect([days.reduce((a, r) => a + Number(r.opened), 0), days.reduce((a, r) => a + Number(r.resolved), 0)]).toEqual([10, 6]);
      const [sla] = await run('SLA compliance');
      expect([Number(sla.owned_in_time_pct), Number(sla.resolved_in_time_pct)]).toEqual([87.5, 50]);
      expect((await run('Tickets resolved per technician')).map((r) => [r.technician, Number(r.resolved)])).toEqual([['Bob Durand', 4], ['Alice Martin', 3]]);
    });
  });
}
