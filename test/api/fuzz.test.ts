import { TEST_DATABASES } from '../support/db';
import { startTestServer, TestServer } from '../support/server';
import { prng, rowCounts } from '../support/fuzz';
import { BROKEN_MULTIPART, rawRequest } from '../support/hostile';

/**
 * Issue 2, "Done when": fuzzed bodies (wrong types, huge strings, unknown fields, broken JSON)
 * never give a 5xx and never write a row (R9: no half-written ticket).
 */
const TABLES = ['tickets', 'comments', 'ticket_links', 'external_refs', 'ticket_assignees', 'ticket_watchers', 'audit_entries', 'people', 'services', 'categories', 'sla_policies', 'settings', 'idempotency_keys'];

const WEIRD: unknown[] = [
  null, true, 0, -1, 1.5, 1e308, '', ' ', 'x'.repeat(300), 'é'.repeat(25000), '<script>alert(1)</script>', "'; DROP TABLE tickets; --",
  [], [1, 2], {}, { a: { b: { c: {} } } }, '\u0000', '2026-13-45', 'NaN', Number.MAX_SAFE_INTEGER + 2, '#0', '#-1', 'critical ', 'resolved\n',
];
const FIELDS = ['title', 'description', 'type', 'category', 'urgency', 'impact', 'service', 'requester', 'status', 'resolution', 'force', 'duplicateOf', 'body', 'internal', 'ticket', 'system', 'key', 'url', 'add', 'remove', 'person', 'pendingUntil', 'role', 'name', '__proto__', 'constructor', 'unknownField'];
const BROKEN = ['{', '{"title":', '{"title":"a",}', 'nul', '[1,2', '"unterminated', '{"title":"a"}{"x":1}', '\u00ff\u00fe', 'x'.repeat(2_000_000)];

describe.each(TEST_DATABASES)('fuzzed REST bodies never 5xx and never write (R9) on %s', (dbName) => {
  let s: TestServer;
  let admin: string, tech: string, employee: string, ticket: number;

  const counts = () => rowCounts(s, TABLES);

  beforeAll(async () => {
    s = await startTestServer(dbName);
    admin = await s.token('admin');
    await s.call('POST', '/api/v1/services', admin, { name: 'Support', slug: 'support' });
    tech = await s.token('technician', { email: 'fuzz-tech@exemple.fr', services: ['support'] });
    employee = await s.token('employee', { email: 'fuzz-emp@exemple.fr' });
    ticket = (await s.call('POST', '/api/v1/tickets', employee, { title: 'Base ticket', service: undefined })).body.number;
    expect(ticket).toBeGreaterThan(0);
  });
  afterAll(() => s.close());

  const targets = () => [
    ['POST', '/api/v1/tickets'],
    ['PATCH', `/api/v1/tickets/${ticket}`],
    ['POST', `/api/v1/tickets/${ticket}/status`],
    ['POST', `/api/v1/tickets/${ticket}/reopen`],
    ['POST', `/api/v1/tickets/${ticket}/assignees`],
    ['POST', `/api/v1/tickets/${ticket}/comments`],
    ['POST', `/api/v1/tickets/${ticket}/links`],
    ['POST', `/api/v1/tickets/${ticket}/external-refs`],
    ['POST', `/api/v1/tickets/${ticket}/watchers`],
    ['POST', `/api/v1/tickets/${ticket}/transfer`],
    ['POST', '/api/v1/people'],
    ['PATCH', '/api/v1/people/fuzz-emp@exemple.fr'],
    ['POST', '/api/v1/services'],
    ['POST', '/api/v1/categories'],
    ['POST', '/api/v1/roles'],
    ['PUT', '/api/v1/sla/priority-matrix'],
    ['PUT', '/api/v1/sla/calendar'],
    ['POST', '/api/v1/sla/policies'],
    ['GET', '/api/v1/tickets?status=%00&limit=-5&cursor=%7B%7D&sort=drop'],
    ['GET', '/api/v1/tickets/1e3'],
    ['GET', '/api/v1/tickets/..%2F..%2Fetc'],
  ] as const;

  it('answers every malformed body with a JSON 4xx and leaves every table untouched', async () => {
    const before = await counts();
    const rnd = prng(20261124);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const seen = new Set<number>();
    let cases = 0;
    for (const [method, path] of targets()) {
      const bodies: Array<string | unknown> = [...BROKEN];
      for (let i = 0; i < 25; i++) {
        const body: Record<string, unknown> = {};
        const n = 1 + Math.floor(rnd() * 4);
        for (let k = 0; k < n; k++) body[pick(FIELDS)] = pick(WEIRD);
        // Keep at least one unknown or ill-typed field so no case is accidentally valid.
        body[`extra_${i}`] = pick(WEIRD);
        bodies.push(JSON.stringify(body));
      }
      bodies.push(JSON.stringify(pick(WEIRD)));
      for (const body of bodies) {
        for (const token of [admin, tech, employee]) {
          const r = await s.call(method, path, token, method === 'GET' ? undefined : (body as string));
          cases++;
          seen.add(r.status);
          if (r.status >= 500 || r.status < 400 || typeof r.body?.error?.code !== 'string' || typeof r.body?.error?.message !== 'string') {
            throw new Error(`${method} ${path} with ${String(body).slice(0, 120)} gave ${r.status}: ${r.raw.slice(0, 300)}`);
          }
        }
      }
    }
    expect(cases).toBeGreaterThan(1500);
    expect([...seen].every((c) => c >= 400 && c < 500)).toBe(true);
    expect(seen.has(400)).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('R9 a NUL byte in any text field of any route, and cut or malformed bodies on the upload route: a coded 4xx, nothing written, /healthz answers', async () => {
    const before = await counts();
    const beforeFiles = await rowCounts(s, ['attachments']);
    for (const [method, path] of targets()) {
      if (method === 'GET') continue;
      for (const field of FIELDS) {
        for (const value of ['\u0000', 'a\u0000b', ['x\u0000'], { deep: '\u0000' }]) {
          const r = await s.call(method, path, admin, { [field]: value });
          if (r.status >= 500 || r.status < 400 || typeof r.body?.error?.code !== 'string') throw new Error(`${method} ${path} ${field}=${JSON.stringify(value)}: ${r.status} ${r.raw.slice(0, 200)}`);
        }
      }
    }
    for (const q of ['q', 'status', 'requester', 'cursor', 'sort']) {
      const r = await s.call('GET', `/api/v1/tickets?${q}=a%00b`, employee);
      expect([q, r.status, r.body.error.code]).toEqual([q, 400, 'invalid_text']);
    }
    const upload = `/api/v1/tickets/${ticket}/attachments?filename=`;
    for (const b of BROKEN_MULTIPART('x')) {
      const r = await rawRequest(s.url, 'POST', `${upload}t.bin`, { authorization: `Bearer ${employee}`, 'content-type': b.contentType }, b.body, { cut: true });
      if (r.status !== null && (r.status < 400 || r.status >= 500)) throw new Error(`upload ${b.name}: ${r.status}`);
    }
    const nulName = await s.call('POST', `${upload}a%00b.txt`, employee, 'hello', { 'content-type': 'text/plain' });
    expect([nulName.status, nulName.body.error.code]).toEqual([400, 'invalid_text']);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    expect(await counts()).toEqual(before);
    expect(await rowCounts(s, ['attachments'])).toEqual(beforeFiles);
  });

  it('still works normally after the barrage', async () => {
    const r = await s.call('POST', '/api/v1/tickets', employee, { title: 'Après le fuzz', description: 'ok' });
    expect(r.status).toBe(201);
    expect(r.body.title).toBe('Après le fuzz');
  });
});
