import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { TEST_DATABASES } from '../support/db';
import { startTestServer } from '../support/server';
import { askHelpdesk, startSlackServer } from '../support/slack';
import { WebClient } from '../web/web-client';
import { configuredAdminAtSignIn } from '../../core/people/first-admin.service';

const ROOT = path.resolve(__dirname, '../..');
const cli = (args: string[], env: Record<string, string>, cwd: string) =>
  promisify(execFile)(process.execPath, [path.join(ROOT, 'bin/helpdesk.js'), ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), LOG_LEVEL: 'silent', ...env } });

/** A real first install, without demo data, reaches its first admin in one documented step (R9, R17). */
describe('npx helpdesk admin create (R9, R17)', () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-admin-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the first admin on an empty database, then only confirms; a missing --name shows the usage', async () => {
    const first = await cli(['admin', 'create', '--email', 'Camille@Example.com', '--name', 'Camille Durand'], {}, dir);
    expect(first.stdout).toMatch(/admin created: Camille Durand <camille@example.com>/);
    const again = await cli(['admin', 'create', '--email', 'camille@example.com', '--name', 'Camille Durand'], {}, dir);
    expect(again.stdout).toMatch(/already known, now admin/);
    await expect(cli(['admin', 'create', '--email', 'x@example.com'], {}, dir)).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('admin create --email') });
  }, 150000);
});

describe.each(TEST_DATABASES)('the first admin on the web and in chat (R9, R17) on %s', (db) => {
  it('the empty sign-in page names the command; a HELPDESK_ADMINS person signing in becomes admin in the directory', async () => {
    const s = await startTestServer(db, { env: { HELPDESK_ADMINS: 'boss@example.com' } });
    try {
      const web = new WebClient(s.url);
      const empty = await web.get('/signin');
      expect(empty.text).toContain('npx helpdesk admin create --email');
      const employee = await s.token('employee', { email: 'boss@example.com', name: 'Boss' });
      expect(employee).toBeTruthy();
      const boss = (await s.t.uow.read.people.find({ by: 'email', value: 'boss@example.com' }))!;
      expect(boss.role).toBe('employee');
      await web.signIn(boss.id);
      expect((await s.t.uow.read.people.get(boss.id))!.role).toBe('admin');
      const [rows] = (await s.t.db.sequelize.query("SELECT action, after_json FROM audit_entries WHERE entity = 'person' AND entity_id = " + boss.id)) as [Array<{ action: string; after_json: string }>, unknown];
      expect(rows.map((r) => `${r.action} ${r.after_json}`)).toContain('person_updated {"role":"admin"}');
    } finally {
      await s.close();
    }
  }, 60000);

  it('an Entra ID sign-in of a HELPDESK_ADMINS e-mail nobody knows yet creates that admin; other e-mails get nothing', async () => {
    const s = await startTestServer(db, { env: { HELPDESK_ADMINS: 'Chief@Example.com' } });
    try {
      const deps = s.running.deps;
      const chief = await configuredAdminAtSignIn(deps, 'chief@example.com', 'Chief');
      expect(chief).toMatchObject({ email: 'chief@example.com', displayName: 'Chief', role: 'admin' });
      expect(await configuredAdminAtSignIn(deps, 'chief@example.com', 'Chief')).toMatchObject({ id: chief!.id });
      expect(await configuredAdminAtSignIn(deps, 'stranger@example.com', 'Stranger')).toBeNull();
      expect(await s.t.uow.read.people.find({ by: 'email', value: 'stranger@example.com' })).toBeNull();
    } finally {
      await s.close();
    }
  }, 60000);

  it('a HELPDESK_ADMINS Slack user is admin in the directory from their first message', async () => {
    const t = await startSlackServer(db, { admins: ['ada@example.com'], users: [{ id: 'UADA00001', name: 'Ada', email: 'ada@example.com', locale: 'en-US' }] });
    try {
      const answer = await askHelpdesk(t, 'UADA00001', 'help');
      expect(answer.text ?? JSON.stringify(answer)).toBeTruthy();
      const ada = await t.s.t.uow.read.people.find({ by: 'email', value: 'ada@example.com' });
      expect(ada?.role).toBe('admin');
    } finally {
      await t.close();
    }
  }, 60000);
});
