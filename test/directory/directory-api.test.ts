import { TEST_DATABASES } from '../support/db';
import { startFakeGraph, type FakeGraph } from '../support/fake-graph';
import { startTestServer, type TestServer } from '../support/server';

const guid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

describe.each(TEST_DATABASES)('directory over REST and mail through Graph (R6, R1) on %s', (dbName) => {
  let graph: FakeGraph;
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    graph = await startFakeGraph();
    for (let i = 1; i <= 5; i++) graph.setUser({ id: guid(i), displayName: `Agent ${i}`, mail: `agent${i}@corp.example`, userPrincipalName: `agent${i}@corp.example`, accountEnabled: true, managerId: i > 1 ? guid(1) : null });
    graph.setGroup('g-m', 'IT-Managers', [guid(1)]);
    s = await startTestServer(dbName, {
      env: { GRAPH_TENANT_ID: graph.tenantId, GRAPH_CLIENT_ID: graph.clientId, GRAPH_CLIENT_SECRET: graph.clientSecret, GRAPH_API_URL: graph.apiUrl, MAIL_INBOUND_URL: 'graph:helpdesk@corp.example', MAIL_FROM: 'helpdesk@corp.example' },
    });
    admin = await s.token('admin', { email: 'root@corp.example' });
  });
  afterAll(async () => {
    await s.close();
    await graph.close();
  });

  test('R6: admins map groups and sync on demand; bad mappings and other roles are refused with a code', async () => {
    const bad = await s.call('POST', '/api/v1/directory/groups', admin, { group: 'IT-Support', role: 'technician' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const employee = await s.token('employee', { email: 'emp@corp.example' });
    expect((await s.call('POST', '/api/v1/directory/sync', employee)).status).toBe(403);
    const mapped = await s.call('POST', '/api/v1/directory/groups', admin, { group: 'IT-Managers', role: 'manager' });
    expect(mapped.status).toBe(201);
    expect((await s.call('POST', '/api/v1/directory/groups', admin, { group: 'IT-Managers', role: 'admin' })).status).toBe(400);
    const sync = await s.call('POST', '/api/v1/directory/sync', admin);
    expect(sync.status).toBe(200);
    expect(sync.body).toMatchObject({ created: 5, membershipsAdded: 1 });
    const boss = await s.call('GET', `/api/v1/people/agent1@corp.example`, admin);
    expect(boss.body.role).toBe('manager');
    expect((await s.call('GET', '/api/v1/directory/groups', admin)).body.items).toEqual([expect.objectContaining({ groupRef: 'IT-Managers', role: 'manager' })]);
    expect((await s.call('DELETE', `/api/v1/directory/groups/${mapped.body.id}`, admin)).status).toBe(204);
  });

  test('R1: the Graph mailbox delta files a new mail once, and /metrics shows the mailbox', async () => {
    const raw = ['From: Agent 3 <agent3@corp.example>', 'To: helpdesk@corp.example', 'Subject: VPN coupé', 'Message-ID: <g1@corp.example>', 'Content-Type: text/plain; charset=utf-8', '', 'Le VPN ne marche pas depuis ce matin.', ''].join('\r\n');
    graph.addMail('helpdesk@corp.example', { id: 'AAMk-1', raw });
    graph.throttleNext('/v1.0/users/helpdesk@corp.example/mailFolders');
    await s.running.mail!.readOnce();
    await s.running.mail!.readOnce();
    const tickets = await s.call('GET', '/api/v1/tickets?q=VPN', admin);
    expect(tickets.body.items.map((t: { title: string }) => t.title)).toEqual(['VPN coupé']);
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    expect(metrics).toMatch(/helpdesk_mail_inbound\{outcome="ticket"\} 1/);
    expect(metrics).toMatch(/helpdesk_mailbox_connected\{kind="graph"\} 1/);
  });
});
