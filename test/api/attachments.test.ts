import { randomBytes } from 'node:crypto';
import { TEST_DATABASES } from '../support/db';
import { startTestServer, type TestServer } from '../support/server';

/** Attachments (issue 9 report form, R1 R3): files joined to tickets, seen by exactly who sees the ticket. */
describe.each(TEST_DATABASES)('ticket attachments through the REST API on %s', (dbName) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(dbName);
  });
  afterAll(() => s.close());
  beforeEach(() => s.t.reset());

  const upload = (token: string, n: number, data: Buffer, filename: string, type = 'image/png') =>
    fetch(`${s.url}/api/v1/tickets/${n}/attachments?filename=${encodeURIComponent(filename)}`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body: data,
    });

  it('stores the bytes as sent and gives them back to the requester and the technicians, nobody else', async () => {
    const admin = await s.token('admin');
    const emilie = await s.token('employee', { email: 'emilie@example.test' });
    const paul = await s.token('employee', { email: 'paul@example.test' });
    const n = (await s.call('POST', '/api/v1/tickets', emilie, { title: 'Écran bleu' })).body.number as number;
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), randomBytes(300_000)]);
    const res = await upload(emilie, n, png, 'C:\\Users\\émilie\\capture d’écran.png');
    expect(res.status).toBe(201);
    const a = (await res.json()) as any;
    expect(a).toMatchObject({ ticketId: n, filename: 'capture d’écran.png', contentType: 'image/png', size: png.length });
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);

    const list = await s.call('GET', `/api/v1/tickets/${n}/attachments`, admin);
    expect(list.body.items.map((x: any) => x.filename)).toEqual(['capture d’écran.png']);
    const down = await fetch(`${s.url}/api/v1/tickets/${n}/attachments/${a.id}`, { headers: { authorization: `Bearer ${emilie}` } });
    expect(down.status).toBe(200);
    expect(down.headers.get('content-disposition')).toBe(`attachment; filename="capture d__cran.png"; filename*=UTF-8''${encodeURIComponent('capture d’écran.png')}`);
    expect(down.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await down.arrayBuffer()).equals(png)).toBe(true);

    // Someone else's ticket: not found, for the list, the file and an upload alike; nothing written.
    expect((await s.call('GET', `/api/v1/tickets/${n}/attachments`, paul)).status).toBe(404);
    expect((await fetch(`${s.url}/api/v1/tickets/${n}/attachments/${a.id}`, { headers: { authorization: `Bearer ${paul}` } })).status).toBe(404);
    expect((await upload(paul, n, Buffer.from('x'), 'x.txt', 'text/plain')).status).toBe(404);
    // A file id of another ticket is not this ticket's.
    const other = (await s.call('POST', '/api/v1/tickets', paul, { title: 'Souris' })).body.number as number;
    const wrong = await fetch(`${s.url}/api/v1/tickets/${other}/attachments/${a.id}`, { headers: { authorization: `Bearer ${paul}` } });
    expect(wrong.status).toBe(404);
    expect(((await wrong.json()) as any).error.code).toBe('attachment_not_found');
    expect((await s.call('GET', `/api/v1/tickets/${n}/attachments`, admin)).body.items).toHaveLength(1);
    // The audit says who added what, never the content.
    const history = await s.call('GET', `/api/v1/tickets/${n}/audit`, admin);
    expect(JSON.stringify(history.body)).toContain('attachment_added');
  });

  it('refuses empty, oversized and anonymous uploads with a coded error, writing nothing', async () => {
    const emilie = await s.token('employee', { email: 'emilie@example.test' });
    const n = (await s.call('POST', '/api/v1/tickets', emilie, { title: 'Clavier' })).body.number as number;
    const empty = await upload(emilie, n, Buffer.alloc(0), 'vide.txt', 'text/plain');
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as any).error.code).toBe('validation_failed');
    const big = await upload(emilie, n, Buffer.alloc(10 * 1024 * 1024 + 10), 'big.bin', 'application/octet-stream');
    expect(big.status).toBe(413);
    expect(((await big.json()) as any).error.code).toBe('payload_too_large');
    const anonymous = await fetch(`${s.url}/api/v1/tickets/${n}/attachments?filename=a.txt`, { method: 'POST', body: 'x' });
    expect(anonymous.status).toBe(401);
    // A made-up type is stored as a plain download.
    const odd = await upload(emilie, n, Buffer.from('<html><script>alert(1)</script>'), 'page.html', 'text/html; charset=utf-8');
    expect(odd.status).toBe(201);
    expect(((await odd.json()) as any).contentType).toBe('application/octet-stream');
    expect((await s.call('GET', `/api/v1/tickets/${n}/attachments`, emilie)).body.items).toHaveLength(1);
  });
});
