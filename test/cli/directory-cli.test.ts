import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startFakeGraph, type FakeGraph } from '../support/fake-graph';

const run = promisify(execFile);

describe('npx helpdesk directory (R6)', () => {
  let graph: FakeGraph;
  let dir: string;
  beforeAll(async () => {
    graph = await startFakeGraph();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-dir-cli-'));
    for (let i = 1; i <= 3; i++) graph.setUser({ id: `00000000-0000-4000-8000-00000000000${i}`, displayName: `Chef ${i}`, mail: `chef${i}@corp.example`, userPrincipalName: `chef${i}@corp.example`, accountEnabled: true, managerId: i > 1 ? '00000000-0000-4000-8000-000000000001' : null });
    graph.setGroup('g-m', 'IT-Managers', ['00000000-0000-4000-8000-000000000002']);
  });
  afterAll(async () => {
    await graph.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('R6: directory map then directory sync brings people and the mapped role', async () => {
    const env = { ...process.env, DATABASE_URL: `sqlite:${path.join(dir, 'h.sqlite')}`, GRAPH_TENANT_ID: graph.tenantId, GRAPH_CLIENT_ID: graph.clientId, GRAPH_CLIENT_SECRET: graph.clientSecret, GRAPH_API_URL: graph.apiUrl, LOG_LEVEL: 'silent' };
    const cli = (...args: string[]) => run('node', ['bin/helpdesk.js', ...args], { env, cwd: path.join(__dirname, '../..') });
    expect((await cli('directory', 'map', 'IT-Managers', 'manager')).stdout).toMatch(/IT-Managers\tmanager/);
    const { stdout } = await cli('directory', 'sync');
    expect(stdout).toContain('created 3');
    expect(stdout).toContain('group memberships +1 -0');
    expect((await cli('directory', 'sync')).stdout).toContain('created 0, updated 0');
  }, 240_000);
});
