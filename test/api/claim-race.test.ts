import { TEST_DATABASES } from '../support/db';
import { startTestServer, TestServer } from '../support/server';

/**
 * Issue 2, "Done when": fifty technicians press Claim on one unassigned ticket at the same moment;
 * the database decides: exactly one owner, forty-nine clear "already taken by X" (R12, R19).
 */
const CLAIMERS = 50;
const ROUNDS = 10;

describe.each(TEST_DATABASES)('fifty-way claim race (R12) on %s', (dbName) => {
  let s: TestServer;
  let employee: string;
  const techs: Array<{ token: string; name: string }> = [];

  beforeAll(async () => {
    s = await startTestServer(dbName);
    const admin = await s.token('admin');
    await s.call('POST', '/api/v1/services', admin, { name: 'Support', slug: 'support' });
    employee = await s.token('employee', { email: 'race-emp@exemple.fr', name: 'Employee' });
    for (let i = 0; i < CLAIMERS; i++) {
      const name = `Tech ${String(i).padStart(2, '0')}`;
      techs.push({ name, token: await s.token('technician', { email: `race-${i}@exemple.fr`, name, services: ['support'] }) });
    }
  }, 120000);
  afterAll(() => s.close());

  it(`gives one owner in each of ${ROUNDS} rounds`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const created = await s.call('POST', '/api/v1/tickets', employee, { title: `Race ${round}`, service: undefined });
      expect(created.status).toBe(201);
      const n = created.body.number;
      const admin = await s.token('admin');
      expect((await s.call('POST', `/api/v1/tickets/${n}/transfer`, admin, { service: 'support' })).status).toBe(200);

      const results = await Promise.all(techs.map((t) => s.call('POST', `/api/v1/tickets/${n}/claim`, t.token)));
      const winners = results.map((r, i) => ({ r, t: techs[i] })).filter((x) => x.r.status === 200);
      expect(winners).toHaveLength(1);
      const winner = winners[0].t.name;
      const losers = results.filter((r) => r.status !== 200);
      expect(losers).toHaveLength(CLAIMERS - 1);
      for (const l of losers) {
        expect(l.status).toBe(409);
        expect(l.body.error.code).toBe('already_claimed');
        expect(l.body.error.message).toContain(winner);
      }
      const after = await s.call('GET', `/api/v1/tickets/${n}`, admin);
      expect(after.body.assignees.map((a: { name: string }) => a.name)).toEqual([winner]);
      expect(after.body.status).toBe('assigned');
      const claims = (await s.call('GET', `/api/v1/tickets/${n}/audit`, admin)).body.items.filter((e: { action: string }) => e.action === 'claimed');
      expect(claims).toHaveLength(1);
    }
  }, 300000);
});
