import { startTestServer, TestServer } from '../support/server';
import { TEST_DATABASES } from '../support/db';
import { createPerson } from '../../core/people/manage-people.service';
import { getTicket } from '../../core/tickets/get-ticket.service';
import { systemActor } from '../../core/shared/actor';
import { CATALOGUE } from '../../core/i18n/catalogue';
import { renderMessage } from '../../core/notifications/render';
import type { OutboxEntry } from '../../core/notifications/outbox.port';
import { ticketCardAdaptive } from '../../cards/ticket.adaptive';
import { ticketCardBlocks } from '../../cards/ticket.blocks';
import { myTicketsAdaptive } from '../../cards/my-tickets.adaptive';
import { myTicketsBlocks } from '../../cards/my-tickets.blocks';
import { ticketSearchAdaptive } from '../../cards/ticket-search.adaptive';
import { ticketSearchBlocks } from '../../cards/ticket-search.blocks';
import { kbSuggestionsAdaptive } from '../../cards/kb-suggestions.adaptive';
import { allText, ofType } from '../cards/texts';
import { esc } from '../../bots/web/html';
import { WebClient } from './web-client';

/**
 * R2/R9: user text is data. Titles holding dots, braces, placeholders, strings equal to catalogue
 * keys, e-mail addresses, HTML, Markdown and emoji render on every web page, card and mail as typed:
 * never a 500, never translated, never filled in as a template.
 */
export const TITLES = [
  "Le fichier rapport.xlsx ne s'ouvre plus",
  'jean.dupont@example.fr ne reçoit plus ses mails',
  'web.nav.dashboard',
  'error.internal_error',
  'notify.subject',
  '{count} tickets pour {number} {title} {{x}}',
  '${process.env.HOME} %s %d $& $1 $` replacement',
  '<script>alert(1)</script> & <b>gras</b> "guillemets" \'apostrophe\'',
  '**gras** _italique_ [lien](http://evil.example) `code` # titre',
  '<!channel> <@U123> *mrkdwn* ~barré~',
  '🖨️💥 Imprimante 打印机 Принтер ne marche pas',
  'constructor',
  '__proto__',
  'toString.valueOf',
];

const operator = { ...systemActor('en'), channel: 'cli' as const, name: 'test admin' };
const unescapeMrkdwn = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
/** Adaptive Cards read TextBlocks as Markdown: what a reader sees once the escapes are applied. */
const unescapeMd = (s: string) => s.replace(/\\([\\`*_[\]~<>.+#-])/g, '$1');
/** A title must never turn into a live Markdown link or a Slack mention. */
/** Hosts parse TextBlocks and FactSet values as Markdown; action data and input values are not. */
const noLiveMarkdown = (card: unknown) => {
  const read = [...ofType(card, 'TextBlock').map((b) => b.text as string), ...ofType(card, 'FactSet').flatMap((f) => (f.facts as Array<{ value: string }>).map((x) => x.value))];
  for (const text of read) expect(text).not.toMatch(/(?<!\\)\]\(http:\/\/evil|(?<!\\)\*\*gras/);
};
/** Slack reads mrkdwn objects and the message's fallback text; plain_text is never parsed. */
const noLiveMrkdwn = (card: { text: string; blocks: unknown }) => {
  for (const text of [card.text, ...ofType(card.blocks, 'mrkdwn').map((o) => o.text as string)]) expect(text).not.toMatch(/<!channel>|<@U123>|<http:\/\/evil/);
};
/** What a catalogue key renders to: a title equal to one must not come out as its translation. */
const translations = (key: string) => [CATALOGUE.fr as Record<string, string>, CATALOGUE.en as Record<string, string>].map((c) => (Object.hasOwn(c, key) ? c[key] : undefined)).filter((v): v is string => typeof v === 'string');

describe.each(TEST_DATABASES)('R2/R9 titles are shown as typed, everywhere (%s)', (dbName) => {
  let s: TestServer;
  let emp: WebClient, tech: WebClient, boss: WebClient;
  let empToken: string, techToken: string;
  const numbers: number[] = [];
  const articles: number[] = [];

  beforeAll(async () => {
    s = await startTestServer(dbName);
    const admin = await s.token('admin');
    await s.call('POST', '/api/v1/services', admin, { name: 'Support', slug: 'support' });
    const ids: Record<string, number> = {};
    for (const [name, role, services] of [['Ann', 'employee'], ['Tom', 'technician', ['support']], ['Marie', 'manager']] as const) {
      ids[name] = (await createPerson(s.running.deps, operator, { displayName: name, email: `${name.toLowerCase()}@example.com`, role, locale: 'en', services: services ? [...services] : undefined })).id;
    }
    empToken = await s.token('employee', { email: 'rest-ann@example.com' });
    techToken = await s.token('technician', { email: 'rest-tom@example.com', services: ['support'] });
    [emp, tech, boss] = await Promise.all(['Ann', 'Tom', 'Marie'].map(async (n) => {
      const c = new WebClient(s.url);
      await c.signIn(ids[n]);
      return c;
    }));
    for (const title of TITLES) {
      const csrf = await emp.csrf('/report');
      const r = await emp.post('/report', { _csrf: csrf, title, description: `Détails : ${title}`, urgency: 'medium' });
      expect([title, r.status]).toEqual([title, 303]);
      numbers.push(Number(/\/tickets\/(\d+)/.exec(r.location ?? '')![1]));
      const a = await s.call('POST', '/api/v1/kb/articles', techToken, { title, body: `Corps : ${title}`, language: 'fr', publish: true });
      expect([title, a.status]).toEqual([title, 201]);
      articles.push(a.body.id);
    }
    // One comment each, so the thread and the notification mails carry the text too.
    for (const [i, n] of numbers.entries()) {
      const r = await tech.post(`/tickets/${n}/comments`, { _csrf: await tech.csrf(`/tickets/${n}`), body: TITLES[i] });
      expect(r.status).toBe(303);
    }
  }, 120_000);
  afterAll(() => s?.close());

  it('every web page: the ticket and article pages, the lists, the queue and the dashboard answer 200 with the title escaped once', async () => {
    for (const [i, title] of TITLES.entries()) {
      for (const [who, c] of [['requester', emp], ['technician', tech], ['manager', boss]] as const) {
        const r = await c.get(`/tickets/${numbers[i]}`);
        if (r.status !== 200) throw new Error(`${who} /tickets/${numbers[i]} "${title}": ${r.status}`);
        expect(r.text).toContain(`<title>${esc(`#${numbers[i]} ${title}`)}`);
        expect(r.text).toContain(esc(title));
        for (const k of translations(title)) expect(r.text).not.toContain(`<title>${esc(k)}`);
      }
      const kb = await emp.get(`/kb/articles/${articles[i]}`);
      if (kb.status !== 200) throw new Error(`/kb/articles/${articles[i]} "${title}": ${kb.status}`);
      expect(kb.text).toContain(`<title>${esc(title)}`);
      expect(kb.text).not.toContain('<script>alert(1)</script>');
    }
    for (const [path, c] of [['/tickets', emp], ['/queue?view=all', tech], ['/dashboard', boss], ['/dashboard', tech], ['/report', emp], ['/settings', emp]] as const) {
      const r = await c.get(path);
      if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.text.slice(0, 200)}`);
      expect(r.text).not.toContain('<script>alert(1)</script>');
      if (path === '/tickets' || path === '/queue?view=all') for (const title of TITLES) expect(r.text).toContain(esc(title));
    }
    const suggest = await emp.get(`/kb/suggest?q=${encodeURIComponent('rapport.xlsx {count}')}`);
    expect(suggest.status).toBe(200);
  });

  it('every card (Teams and Slack: ticket, my tickets, search, KB suggestions) shows the title as typed', async () => {
    const views = await Promise.all(numbers.map((n) => getTicket(s.running.deps, { ...operator, role: 'manager' }, n)));
    for (const locale of ['fr', 'en'] as const) {
      const o = { locale, publicUrl: s.url, now: new Date() };
      for (const [i, v] of views.entries()) {
        const title = TITLES[i];
        expect(v.title).toBe(title);
        const teams = allText(ticketCardAdaptive(v, o));
        const slackCard = ticketCardBlocks(v, o);
        const slack = allText(slackCard);
        expect(unescapeMd(teams)).toContain(title);
        expect(unescapeMrkdwn(slack)).toContain(title);
        for (const k of translations(title)) expect(teams).not.toContain(k);
        noLiveMarkdown(ticketCardAdaptive(v, o));
        noLiveMrkdwn(slackCard);
      }
      // One row each: the lists show a few rows at most, and every title must get its turn.
      for (const [i, v] of views.entries()) {
        const title = TITLES[i];
        const teamsLists = [myTicketsAdaptive([v], o), ticketSearchAdaptive([v], title, o), kbSuggestionsAdaptive([{ id: articles[i], title: v.title, excerpt: v.title }], title, locale)];
        for (const card of teamsLists) {
          expect(unescapeMd(allText(card))).toContain(title);
          noLiveMarkdown(card);
        }
        for (const card of [myTicketsBlocks([v], o), ticketSearchBlocks([v], title, o)]) {
          expect(unescapeMrkdwn(allText(card))).toContain(title);
          noLiveMrkdwn(card);
        }
      }
    }
  });

  it('every mail and SMS the changes queued carries the title as typed (text, subject) and escaped once (HTML)', async () => {
    const [rows] = await s.t.db.sequelize.query('SELECT * FROM outbox ORDER BY id');
    const entries = (rows as Array<Record<string, any>>).map((r) => ({
      id: Number(r.id), channel: r.channel, address: r.address, personId: r.person_id, locale: r.locale, event: r.event, ticketId: r.ticket_id === null ? null : Number(r.ticket_id),
      urgent: !!r.urgent, params: typeof r.params === 'string' ? JSON.parse(r.params) : r.params, dedupeKey: null, state: 'sending', attempts: 0, notBefore: new Date(), digestAt: null, lastError: null, sentAt: null, createdAt: new Date(),
    })) as OutboxEntry[];
    const withTitle = entries.filter((e) => typeof e.params.title === 'string');
    expect(withTitle.length).toBeGreaterThanOrEqual(TITLES.length);
    const seen = new Set<string>();
    const opts = { defaultLocale: 'fr' as const, publicUrl: s.url, timeZone: 'Europe/Paris' };
    for (const e of withTitle) {
      const title = e.params.title as string;
      for (const locale of ['fr', 'en'] as const) {
        const m = renderMessage({ ...e, locale }, opts);
        expect(m.subject).toContain(title);
        expect(m.text).toContain(title);
        expect(m.html).toContain(esc(title));
        expect(m.html).not.toContain('<script>');
        expect(m.sms.length).toBeGreaterThan(0);
      }
      seen.add(title);
    }
    expect([...seen].sort()).toEqual([...TITLES].sort());
  });
});
