import { randomBytes } from 'node:crypto';
import { startTestServer, TestServer } from '../support/server';
import { TEST_DATABASES } from '../support/db';
import { createPerson } from '../../core/people/manage-people.service';
import { createService } from '../../core/people/manage-services.service';
import { systemActor } from '../../core/shared/actor';
import { WebClient } from './web-client';

/**
 * The report form's optional attachment and the ticket page's files (issue 9, R1): the file is
 * judged before the ticket is filed, refused with a message by the field, and seen only by whoever
 * sees the ticket (R16).
 */
const admin = { ...systemActor('en'), channel: 'cli' as const, name: 'test admin' };

describe.each(TEST_DATABASES)('web attachments on %s', (dbName) => {
  let s: TestServer;
  const id: Record<string, number> = {};
  const count = async (table: string) => Number(((await s.t.db.sequelize.query(`SELECT COUNT(*) AS n FROM ${table}`, { plain: true })) as { n: number | string }).n);
  const as = async (who: string) => {
    const c = new WebClient(s.url);
    await c.signIn(id[who]);
    return c;
  };
  const fields = async (c: WebClient, extra: Record<string, string> = {}) => ({ _csrf: await c.csrf('/report'), title: 'Écran qui clignote', description: 'Voir la capture', urgency: 'medium', ...extra });
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(50_000)]);

  beforeAll(async () => {
    s = await startTestServer(dbName);
    await createService(s.running.deps, admin, { name: 'Network', slug: 'reseau' });
    for (const [name, role, services] of [['Ann', 'employee'], ['Ben', 'employee'], ['Tom', 'technician', ['reseau']]] as const) {
      id[name] = (await createPerson(s.running.deps, admin, { displayName: name, email: `${name.toLowerCase()}@example.com`, role, locale: 'en', services: services ? [...services] : undefined })).id;
    }
  });
  afterAll(() => s?.close());

  it('files the ticket with its screenshot; the requester and staff download it, another employee gets 404', async () => {
    const ann = await as('Ann');
    const r = await ann.postMultipart('/report', await fields(ann), { field: 'attachment', name: 'écran.png', type: 'image/png', data: png });
    expect(r.status).toBe(303);
    const n = Number(/^\/tickets\/(\d+)\?done=created$/.exec(r.location ?? '')![1]);
    const page = await ann.get(`/tickets/${n}`);
    const link = new RegExp(`href="(/tickets/${n}/attachments/(\\d+))" download>écran.png</a>`).exec(page.text);
    expect(link).not.toBeNull();
    const down = await fetch(s.url + link![1], { headers: { cookie: `hd_session=${ann.cookie}` } });
    expect(down.status).toBe(200);
    expect(down.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await down.arrayBuffer()).equals(png)).toBe(true);
    const ben = await as('Ben');
    expect((await ben.get(link![1])).status).toBe(404);
    expect((await ben.get(`/tickets/${n}`)).status).toBe(404);

    // A technician adds a file from the ticket page.
    const tom = await as('Tom');
    const token = await tom.csrf(`/tickets/${n}`);
    const added = await tom.postMultipart(`/tickets/${n}/attachments`, { _csrf: token }, { field: 'attachment', name: 'log.txt', type: 'text/plain', data: Buffer.from('error 0x80070005') });
    expect(added.status).toBe(303);
    expect((await tom.get(`/tickets/${n}`)).text).toContain('>log.txt</a>');
    expect(await count('attachments')).toBe(2);
  });

  it('refuses without the CSRF token, an empty file and a file over 10 MB, by the field, writing nothing', async () => {
    const ann = await as('Ann');
    const tickets = await count('tickets');
    const files = await count('attachments');
    const noToken = await ann.postMultipart('/report', { title: 'x', urgency: 'medium' }, { field: 'attachment', name: 'a.png', type: 'image/png', data: png });
    expect(noToken.status).toBe(403);
    const empty = await ann.postMultipart('/report', await fields(ann), { field: 'attachment', name: 'vide.png', type: 'image/png', data: Buffer.alloc(0) });
    expect(empty.status).toBe(422);
    expect(empty.text).toMatch(/<p class="field-error" id="err-attachment"[^>]*>This file is empty\.<\/p>/);
    const big = await ann.postMultipart('/report', await fields(ann), { field: 'attachment', name: 'big.bin', type: 'application/octet-stream', data: Buffer.alloc(10 * 1024 * 1024 + 1) });
    expect(big.status).toBe(422);
    expect(big.text).toMatch(/id="err-attachment"[^>]*>The file is over 10 MB\.<\/p>/);
    // The form keeps what was typed.
    expect(big.text).toContain('value="Écran qui clignote"');
    expect(await count('tickets')).toBe(tickets);
    expect(await count('attachments')).toBe(files);
    // A body that is not the multipart it claims: refused, never a 500, nothing written.
    for (const body of ['garbage', '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nhalf']) {
      const broken = await fetch(`${s.url}/report`, { method: 'POST', headers: { cookie: `hd_session=${ann.cookie}`, 'content-type': 'multipart/form-data; boundary=x' }, body, redirect: 'manual' });
      expect([400, 403]).toContain(broken.status);
    }
    expect(await count('tickets')).toBe(tickets);
    // No file chosen: the ticket is filed without one.
    const none = await ann.postMultipart('/report', await fields(ann, { title: 'Sans fichier' }));
    expect(none.status).toBe(303);
    expect(await count('tickets')).toBe(tickets + 1);
    expect(await count('attachments')).toBe(files);
  });
});
