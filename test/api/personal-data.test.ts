import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPerson } from '../../core/people/manage-people.service';
import { createToken } from '../../core/people/create-token.service';
import { Sql } from '../../adapters/sequelize/sql';
import { notify } from '../../core/notifications/notify';
import { systemActor } from '../../core/shared/actor';
import { TEST_DATABASES } from '../support/db';
import { startTestServer, type TestServer } from '../support/server';

/**
 * R9 (GDPR): a person's data can be exported (by an admin, or by themselves) and erased by an admin.
 * Erasure anonymises everywhere the name and contacts were written, removes what only served to
 * reach the person, and keeps the tickets and the audit trail under the replacement name.
 */
const AAD = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe.each(TEST_DATABASES)('personal data export and erasure (R9) on %s', (dbName) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(dbName);
  });
  afterAll(async () => {
    await s.close();
  });
  beforeEach(async () => {
    await s.t.reset();
  });

  async function world() {
    const operator = { ...systemActor('en'), channel: 'cli' as const, name: 'setup' };
    const admin = await s.token('admin', { email: 'ada@example.test', name: 'Ada Admin' });
    const tech = await s.token('technician', { email: 'theo@example.test', name: 'Théo Technicien' });
    const emilie = await createPerson(s.running.deps, operator, {
      displayName: 'Émilie Dupont', email: 'emilie@example.test', phone: '+33 6 12 34 56 78', aadObjectId: AAD, slackUserId: 'UEMILIE01', department: 'Compta',
    });
    const token = (await createToken(s.running.deps, operator, { name: 'emilie', role: 'employee', user: emilie.id })).token;
    const other = await s.token('employee', { email: 'paul@example.test', name: 'Paul Martin' });
    const created = await s.call('POST', '/api/v1/tickets', token, { title: 'Écran noir', description: 'Mon écran reste noir' });
    expect(created.status).toBe(201);
    const n = created.body.number ?? created.body.ticket?.number ?? created.body.id;
    expect((await s.call('POST', `/api/v1/tickets/${n}/claim`, tech)).status).toBe(200);
    expect((await s.call('POST', `/api/v1/tickets/${n}/comments`, token, { body: 'Toujours noir ce matin' })).status).toBe(201);
    await s.running.deps.uow.read.conversationRefs.save({
      platform: 'teams', conversationId: 'a:emilie-personal', conversationType: 'personal', serviceUrl: 'http://127.0.0.1:1',
      tenantId: 't', botId: '28:bot', userId: AAD, teamId: null, channelId: null,
    }, new Date());
    await s.running.deps.uow.transaction((store) => notify(store, new Date(), [{ recipient: { kind: 'email', address: 'emilie@example.test' }, event: 'status_changed', ticketId: n, params: { number: n, title: 'Écran noir' } }]));
    return { admin, tech, token, other, emilie, n };
  }

  it('exports everything stored about a person, to an admin or to the person, and to nobody else', async () => {
    const { admin, token, other, tech, emilie, n } = await world();
    const mine = await s.call('GET', '/api/v1/people/me/personal-data', token);
    expect(mine.status).toBe(200);
    expect(mine.body.personId).toBe(emilie.id);
    const d = mine.body.data;
    expect(d.person[0]).toMatchObject({ display_name: 'Émilie Dupont', email: 'emilie@example.test', slack_user_id: 'UEMILIE01', department: 'Compta' });
    expect(d.tickets_requested.map((t: any) => [t.id, t.title])).toEqual([[n, 'Écran noir']]);
    expect(d.comments.map((c: any) => c.body)).toEqual(['Toujours noir ce matin']);
    expect(d.chat_conversations.map((c: any) => c.conversation_id)).toEqual(['a:emilie-personal']);
    expect(d.notifications.length).toBeGreaterThanOrEqual(1);
    expect(d.api_tokens.map((t: any) => t.name)).toEqual(['emilie']);
    expect(JSON.stringify(d)).not.toMatch(/token_hash/);
    expect((await s.call('GET', `/api/v1/people/${emilie.id}/personal-data`, admin)).status).toBe(200);
    expect((await s.call('GET', `/api/v1/people/${emilie.id}/personal-data`, other)).status).toBe(403);
    expect((await s.call('GET', `/api/v1/people/${emilie.id}/personal-data`, tech)).status).toBe(403);
    expect((await s.call('GET', '/api/v1/people/nobody@example.test/personal-data', admin)).body.error.code).toBe('person_not_found');
    // Who read whose data is audited: Émilie herself, then the admin.
    const sql = new Sql(s.t.db.sequelize, s.t.db.dialect, null);
    const rows = await sql.select("SELECT actor_role FROM audit_entries WHERE entity = 'person' AND entity_id = ? AND action = 'personal_data_exported' ORDER BY id", [emilie.id]);
    expect(rows.map((r) => r.actor_role)).toEqual(['employee', 'admin']);
  });

  it('erases a person for good: name, contacts, platform ids, tokens, queued messages; tickets and audit stay', async () => {
    const { admin, tech, token, emilie, n } = await world();
    expect((await s.call('DELETE', `/api/v1/people/${emilie.id}/personal-data`, tech)).status).toBe(403);
    const erased = await s.call('DELETE', `/api/v1/people/${emilie.id}/personal-data`, admin);
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ personId: emilie.id, name: `Erased person #${emilie.id}` });
    expect(erased.body.changed).toMatchObject({ person: 1, chat_conversations: 1, api_tokens: 1 });
    expect(erased.body.changed.notifications).toBeGreaterThanOrEqual(1);

    // Her token no longer opens anything.
    expect((await s.call('GET', '/api/v1/tickets', token)).status).toBe(401);
    const person = await s.call('GET', `/api/v1/people/${emilie.id}`, admin);
    expect(person.body).toMatchObject({ displayName: `Erased person #${emilie.id}`, email: null, phone: null, active: false });
    // The ticket is the company's record: still there, under the new name; its history names nobody.
    const ticket = await s.call('GET', `/api/v1/tickets/${n}`, tech);
    expect(ticket.status).toBe(200);
    expect(JSON.stringify(ticket.body)).not.toMatch(/Émilie|emilie@example|UEMILIE01/);
    expect(JSON.stringify(ticket.body)).toContain(`Erased person #${emilie.id}`);
    const history = await s.call('GET', `/api/v1/tickets/${n}/audit`, tech);
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body)).not.toMatch(/Émilie Dupont|emilie@example\.test/);
    // Nothing left that reaches her: the export of what remains shows no contact.
    const left = await s.call('GET', `/api/v1/people/${emilie.id}/personal-data`, admin);
    expect(left.body.data.chat_conversations).toEqual([]);
    expect(left.body.data.notifications).toEqual([]);
    expect(JSON.stringify(left.body.data)).not.toMatch(/emilie@example|\+33 6|UEMILIE01|Compta/);
    // The e-mail is free again: a new person may use it.
    const again = await s.call('POST', '/api/v1/people', admin, { displayName: 'Émilie D.', email: 'emilie@example.test' });
    expect(again.status).toBe(201);
  });
});

describe('npx helpdesk gdpr (R9)', () => {
  it('exports to a file and refuses to erase without --yes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-gdpr-'));
    const bin = path.join(__dirname, '../../bin/helpdesk.js');
    const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], {
      env: { ...process.env, DATABASE_URL: `sqlite:${path.join(dir, 'h.sqlite')}`, LOG_LEVEL: 'silent', HELPDESK_LOCALE: 'en' }, encoding: 'utf8', timeout: 60000,
    });
    try {
      expect(run(['token', 'create', '--name', 'x', '--role', 'admin']).status).toBe(0);
      const missing = run(['gdpr', 'export', 'nobody@example.test']);
      expect(missing.status).toBe(1);
      expect(missing.stderr.trim()).toBe('No such person: nobody@example.test.');
      const noYes = run(['gdpr', 'erase', 'nobody@example.test']);
      expect(noYes.status).toBe(2);
      expect(noYes.stderr).toContain('add --yes to confirm');
      expect(run(['gdpr']).status).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
