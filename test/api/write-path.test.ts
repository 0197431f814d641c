import { TEST_DATABASES } from '../support/db';
import { startTestServer, TestServer } from '../support/server';

/**
 * The write path (R20: Monday-morning peaks): a ticket's create, a comment and a status change each
 * send at most 6 SQL statements over the REST API — configuration comes from memory, the answer is
 * built from what was written — and the answer still shows what a re-read would.
 */
const MAX_STATEMENTS = 6;

describe.each(TEST_DATABASES)('R20 statements per write (%s)', (dbName) => {
  let s: TestServer;
  let employee: string;
  let tech: string;
  let seen: string[] = [];
  let off = () => {};

  beforeAll(async () => {
    s = await startTestServer(dbName);
    const admin = await s.token('admin');
    expect((await s.call('POST', '/api/v1/services', admin, { name: 'Support', slug: 'support' })).status).toBe(201);
    employee = await s.token('employee', { email: 'emma@example.com', name: 'Emma' });
    tech = await s.token('technician', { email: 'theo@example.com', name: 'Théo', services: ['support'] });
    off = s.running.db.onQuery((sql) => seen.push(sql));
  });
  afterAll(async () => {
    off();
    await s?.close();
  });

  async function counted<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    // Warm: the first write of a process loads the configuration once; what is measured is the steady state.
    await s.running.notifications.worker.idle();
    seen = [];
    const result = await work();
    const statements = seen;
    if (process.env.SHOW_SQL) process.stdout.write(`${statements.length} statements:\n${statements.join("\n")}\n\n`);
    seen = [];
    return { result, statements };
  }

  it(`creates a ticket in at most ${MAX_STATEMENTS} statements, and answers what a re-read shows`, async () => {
    await s.call('POST', '/api/v1/tickets', employee, { title: 'warm-up', description: 'first', category: 'software' });
    const { result: res, statements } = await counted(() => s.call('POST', '/api/v1/tickets', employee, { title: 'Imprimante HS', description: 'Elle clignote', category: 'hardware', urgency: 'high' }));
    expect(res.status).toBe(201);
    expect(statements.length).toBeLessThanOrEqual(MAX_STATEMENTS);
    const again = await s.call('GET', `/api/v1/tickets/${res.body.number}`, employee);
    expect(res.body).toEqual(again.body);
  });

  it(`adds a comment in at most ${MAX_STATEMENTS} statements`, async () => {
    const t = await s.call('POST', '/api/v1/tickets', employee, { title: 'VPN', description: 'ne se connecte pas', category: 'network' });
    const { result: res, statements } = await counted(() => s.call('POST', `/api/v1/tickets/${t.body.number}/comments`, employee, { body: 'Toujours en panne' }));
    expect(res.status).toBe(201);
    expect(statements.length).toBeLessThanOrEqual(MAX_STATEMENTS);
  });

  it(`changes a status in at most ${MAX_STATEMENTS} statements`, async () => {
    const t = await s.call('POST', '/api/v1/tickets', employee, { title: 'Écran noir', description: 'plus rien', category: 'hardware' });
    const { result: res, statements } = await counted(() => s.call('POST', `/api/v1/tickets/${t.body.number}/status`, tech, { status: 'in_progress' }));
    expect(res.status).toBe(200);
    expect(statements.length).toBeLessThanOrEqual(MAX_STATEMENTS);
  });
});
