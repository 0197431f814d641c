import { TEST_DATABASES } from '../support/db';
import { startTestServer, TestServer } from '../support/server';
import { prng, rowCounts } from '../support/fuzz';

/** Fuzzed bodies and queries on the knowledge-base routes: a JSON 4xx every time, and not a row written (R9). */
const TABLES = ['kb_articles', 'kb_article_versions', 'kb_ticket_articles', 'audit_entries', 'tickets', 'comments'];

const WEIRD: unknown[] = [
  null, true, 0, -1, 1.5, '', ' ', 'x'.repeat(300), 'é'.repeat(60000), '<script>alert(1)</script>', "'; DROP TABLE kb_articles; --",
  [], ['a', 1], {}, { a: {} }, '\u0000', 'NaN', 'faq ', 'technicians\n', 'draft', Number.MAX_SAFE_INTEGER + 2,
];
const FIELDS = ['kind', 'title', 'body', 'category', 'tags', 'language', 'audience', 'publish', 'version', 'article', '__proto__', 'status', 'unknownField'];
const BROKEN = ['{', '{"title":', '{"title":"a",}', 'nul', '"unterminated', '{"a":1}{"b":2}', 'x'.repeat(2_000_000)];

describe.each(TEST_DATABASES)('R9 R15 fuzzed knowledge-base requests never 5xx and never write on %s', (dbName) => {
  let s: TestServer;
  let tech: string, employee: string, article: number, ticket: number;

  const counts = () => rowCounts(s, TABLES);

  beforeAll(async () => {
    s = await startTestServer(dbName);
    tech = await s.token('technician', { email: 'fuzz-kb-tech@exemple.fr' });
    employee = await s.token('employee', { email: 'fuzz-kb-emp@exemple.fr' });
    article = (await s.call('POST', '/api/v1/kb/articles', tech, { title: 'Base', body: 'Texte', publish: true })).body.id;
    ticket = (await s.call('POST', '/api/v1/tickets', employee, { title: 'Base ticket' })).body.number;
    expect([article > 0, ticket > 0]).toEqual([true, true]);
  });
  afterAll(() => s.close());

  it('answers every malformed request with a JSON 4xx and leaves every table untouched', async () => {
    const before = await counts();
    const rnd = prng(8);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const targets = [
      ['POST', '/api/v1/kb/articles'],
      ['PATCH', `/api/v1/kb/articles/${article}`],
      ['POST', `/api/v1/tickets/${ticket}/article`],
    ] as const;
    let cases = 0;
    for (const [method, path] of targets) {
      const bodies: string[] = [...BROKEN];
      for (let i = 0; i < 30; i++) {
        const body: Record<string, unknown> = {};
        for (let k = 0, n = 1 + Math.floor(rnd() * 4); k < n; k++) body[pick(FIELDS)] = pick(WEIRD);
        body[`extra_${i}`] = pick(WEIRD); // an unknown field keeps every case invalid
        bodies.push(JSON.stringify(body));
      }
      for (const body of bodies) {
        for (const token of [tech, employee]) {
          const r = await s.call(method, path, token, body);
          cases++;
          if (r.status < 400 || r.status >= 500 || typeof r.body?.error?.code !== 'string') {
            throw new Error(`${method} ${path} with ${body.slice(0, 120)} gave ${r.status}: ${r.raw.slice(0, 300)}`);
          }
        }
      }
    }
    for (const q of ['q=%00', 'q=' + 'x'.repeat(600), 'limit=-1', 'limit=abc', 'lang=xx', 'status=secret', 'category=', 'q=a&q=b', 'unknown=1', 'q=%22%2A%28%29%3A-%2B']) {
      for (const token of [tech, employee]) {
        const r = await s.call('GET', `/api/v1/kb/articles?${q}`, token);
        cases++;
        const ok = r.status === 200 ? Array.isArray(r.body.items) : r.status >= 400 && r.status < 500 && typeof r.body.error.code === 'string';
        if (!ok) throw new Error(`GET ?${q} gave ${r.status}: ${r.raw.slice(0, 300)}`);
      }
    }
    for (const path of ['/api/v1/kb/articles/1e3', '/api/v1/kb/articles/..%2F..', '/api/v1/kb/articles/-1/versions', `/api/v1/tickets/${ticket}x/suggestions`]) {
      const r = await s.call('GET', path, tech);
      expect([path, r.status]).toEqual([path, 404]);
    }
    expect(cases).toBeGreaterThan(200);
    expect(await counts()).toEqual(before);
  });
});
