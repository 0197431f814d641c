import { startTestServer, TestServer } from '../support/server';
import { TEST_DATABASES } from '../support/db';
import { askHelpdesk, startSlackServer } from '../support/slack';
import { createPerson } from '../../core/people/manage-people.service';
import { createArticle } from '../../core/kb/create-article.service';
import { createTicket } from '../../core/tickets/create-ticket.service';
import { actorForPerson } from '../../core/people/actor-for-person';
import { systemActor } from '../../core/shared/actor';
import { formatDay, formatPercent } from '../../core/i18n/locale-format';
import { markdownToHtml } from '../../bots/web/markdown';
import { WebClient } from './web-client';

const admin = { ...systemActor('en'), channel: 'cli' as const, name: 'test admin' };

/** Languages and typography as each reader writes them (R2, R11, R15): chosen, rendered, never leaking codes. */
describe('French and English formats (R2)', () => {
  it('French decimals take a comma and a space before %; English neither; days are words, not ISO', () => {
    expect(formatPercent('fr', 83.333)).toBe('83,3\u00a0%');
    expect(formatPercent('en', 83.333)).toBe('83.3%');
    expect(formatDay('fr', '2026-11-16')).toBe('16 nov. 2026');
    expect(formatDay('en', '2026-11-16')).toBe('16 Nov 2026');
  });

  it('KB Markdown becomes HTML; markup in it stays text', () => {
    const out = markdownToHtml('Intro **bold** and `gpupdate /force`.\n\n1. Open *FortiClient*\n2. Choose [the guide](https://example.com/g)\n\n- one\n- two\n\n> note <script>alert(1)</script>').s;
    expect(out).toContain('<p>Intro <strong>bold</strong> and <code>gpupdate /force</code>.</p>');
    expect(out).toContain('<ol><li>Open <em>FortiClient</em></li><li>Choose <a href="https://example.com/g">the guide</a></li></ol>');
    expect(out).toContain('<ul><li>one</li><li>two</li></ul>');
    expect(out).toContain('<blockquote><p>note &lt;script&gt;alert(1)&lt;/script&gt;</p></blockquote>');
    expect(markdownToHtml('[x](javascript:alert(1))').s).not.toContain('href');
  });
});

describe.each(TEST_DATABASES)('day one on the web, in both languages (R2, R11, R15) on %s', (dbName) => {
  let s: TestServer;
  const id: Record<string, number> = {};
  const as = async (who: string, lang = 'en') => {
    const c = new WebClient(s.url);
    await c.signIn(id[who]);
    return Object.assign(c, { lang });
  };

  beforeAll(async () => {
    s = await startTestServer(dbName, { env: { HELPDESK_LOCALE: 'fr' } });
    const deps = s.running.deps;
    for (const [name, role, locale] of [['Ann', 'employee', 'en'], ['Tom', 'technician', 'en'], ['Max', 'manager', 'fr']] as const) {
      id[name] = (await createPerson(deps, admin, { displayName: name, email: `${name.toLowerCase()}@example.com`, role, locale })).id;
    }
    const ann = await actorForPerson(deps, deps.uow.read, (await deps.uow.read.people.get(id.Ann))!, 'web');
    await createTicket(deps, ann, { title: 'Printer jammed', description: 'Paper stuck' });
  });
  afterAll(() => s?.close());

  it('a person chooses their language in /settings; every page then speaks it', async () => {
    const ann = await as('Ann');
    const settings = await ann.get('/settings');
    expect(settings.text).toMatch(/<select id="locale" name="locale"[^>]*><option value="fr" lang="fr">français<\/option><option value="en" lang="en" selected>English<\/option>/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(settings.text)![1];
    const saved = await ann.post('/settings/language', { _csrf: csrf, locale: 'fr' });
    expect(saved.status).toBe(303);
    expect((await s.t.uow.read.people.get(id.Ann))!.locale).toBe('fr');
    const fr = await ann.get('/tickets');
    expect(fr.text).toContain('<html lang="fr">');
    expect(fr.text).toContain('Assigné à : ');
    expect((await ann.post('/settings/language', { _csrf: csrf, locale: 'de' })).status).toBe(400);
    await ann.post('/settings/language', { _csrf: csrf, locale: 'en' });
    const en = await ann.get('/tickets');
    expect(en.text).toContain('<html lang="en">');
    // English typography: no space before a colon.
    expect(en.text).toContain('Assigned to: ');
    expect(en.text).not.toContain('Assigned to : ');
  });

  it('the chat word "langue fr" / "language en" changes the language, on the web bot and on Slack', async () => {
    const tom = await as('Tom');
    const headers = { 'x-csrf-token': await tom.csrf('/bot') };
    const said = (await tom.req('POST', '/bot/message', { text: 'langue fr' }, { json: true, headers })).json();
    expect(said.replies).toEqual([{ text: 'C’est noté : je vous parle désormais en français.' }]);
    expect((await s.t.uow.read.people.get(id.Tom))!.locale).toBe('fr');
    const back = (await tom.req('POST', '/bot/message', { text: 'language english' }, { json: true, headers })).json();
    expect(back.replies).toEqual([{ text: 'Done: I will talk to you in English from now on.' }]);
    const usage = (await tom.req('POST', '/bot/message', { text: 'language klingon' }, { json: true, headers })).json();
    expect(usage.replies[0].text).toBe('Your language: English. To change it, write "language en" or "langue fr".');
    // The sla answer names things in words: no codes ("none", "time_passed") nor "min bus.".
    const sla = (await tom.req('POST', '/bot/message', { text: 'sla' }, { json: true, headers })).json();
    expect(sla.replies[0].text).toMatch(/own 2 h of business time/);
    expect(sla.replies[0].text).not.toMatch(/bus\.|ouvr\.|\bnone\b/);
  });

  it('KB pages show the article formatted, not raw Markdown', async () => {
    const art = await createArticle(s.running.deps, admin, { title: 'Printer jam', body: 'Turn it off.\n\n1. Open cover **B**\n2. Pull the sheet', language: 'en', publish: true });
    const page = await (await as('Ann')).get(`/kb/articles/${art.id}`);
    expect(page.text).toContain('<ol><li>Open cover <strong>B</strong></li><li>Pull the sheet</li></ol>');
    expect(page.text).not.toContain('**B**');
  });

  it('French dashboard: percentages with a comma and dates in words, never ISO', async () => {
    const max = await as('Max');
    const page = await max.get('/dashboard?from=2026-11-16');
    expect(page.text).toContain('<html lang="fr">');
    const hint = /<p class="hint">([^<]*)<\/p>/.exec(page.text)![1];
    expect(hint).toMatch(/16 nov\. 2026/);
    expect(hint).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(page.text).not.toMatch(/\d\.\d %/);
  });

  it('an unknown address is the app\'s own 404 page, in its layout and the reader\'s language', async () => {
    const anon = new WebClient(s.url);
    const fr = await anon.req('GET', '/nope', undefined, { headers: { 'accept-language': 'fr' } });
    expect(fr.status).toBe(404);
    expect(fr.text).toContain('<html lang="fr">');
    expect(fr.text).toContain('<a class="brand" href="/">Helpdesk</a>');
    expect(fr.text).toContain('Cette page n&#39;existe pas.');
    expect(fr.text).not.toContain('Cannot GET');
    const ann = await as('Ann');
    const en = await ann.get('/nope/deeper?x=1');
    expect(en.status).toBe(404);
    expect(en.text).toContain('This page does not exist.');
    expect(en.text).toContain('href="/settings"');
  });
});

describe.each(TEST_DATABASES)('the language chat word on Slack (R2) on %s', (dbName) => {
  it('/helpdesk langue en answers in English and keeps the choice', async () => {
    const t = await startSlackServer(dbName, { users: [{ id: 'ULEA00001', name: 'Léa', email: 'lea@example.com', locale: 'fr-FR' }] });
    try {
      expect((await askHelpdesk(t, 'ULEA00001', 'langue en')).text).toBe('Done: I will talk to you in English from now on.');
      expect((await t.s.t.uow.read.people.find({ by: 'email', value: 'lea@example.com' }))!.locale).toBe('en');
    } finally {
      await t.close();
    }
  }, 60000);
});
