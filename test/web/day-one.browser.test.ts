import { startTestServer, TestServer } from '../support/server';
import { createPerson } from '../../core/people/manage-people.service';
import { createService } from '../../core/people/manage-services.service';
import { createArticle } from '../../core/kb/create-article.service';
import { createTicket } from '../../core/tickets/create-ticket.service';
import { linkTickets } from '../../core/tickets/link-tickets.service';
import { actorForPerson } from '../../core/people/actor-for-person';
import { systemActor } from '../../core/shared/actor';
import { DESK, launchChromium, PHONE, shot, signedInAs, TestBrowser } from './browser';

/**
 * What a new user meets on day one, in real headless Chromium (SQLite): choosing a language, KB and
 * bot answers formatted, the app's own 404, phone support's caller field, a refused resolve that keeps
 * what was typed, the report that reached nobody (R1, R2, R5, R8, R11, R15). Screenshots: test-output/web/day-one-*.png.
 */
const admin = { ...systemActor('en'), channel: 'cli' as const, name: 'test admin' };

describe('day one in a browser (R1, R2, R5, R8, R11, R15)', () => {
  let s: TestServer;
  let b: TestBrowser;
  const id: Record<string, number> = {};
  let article = 0;

  beforeAll(async () => {
    s = await startTestServer('sqlite');
    b = await launchChromium();
    const deps = s.running.deps;
    await createService(deps, admin, { name: 'Workstations', slug: 'postes' });
    const person = async (key: string, role: 'employee' | 'technician' | 'manager', locale: 'en' | 'fr', services?: string[]) => {
      id[key] = (await createPerson(deps, admin, { displayName: key, email: `${key.toLowerCase()}@example.com`, role, locale, services })).id;
    };
    await person('Emma', 'employee', 'en');
    await person('Theo', 'technician', 'en', ['postes']);
    await person('Mia', 'manager', 'fr');
    article = (await createArticle(deps, { ...admin, role: 'admin' }, { title: 'Printer jammed', body: 'Turn it **off** first.\n\n1. Open cover B\n2. Pull the sheet gently\n\n- never force\n- call us if torn', language: 'en', publish: true })).id;
  }, 60000);
  afterAll(async () => {
    await b?.close();
    await s?.close();
  });

  it('an employee switches to French in the settings; the pages then speak French with French typography', async () => {
    const { ctx, page } = await signedInAs(b.browser, s.url, id.Emma, PHONE);
    const deps = s.running.deps;
    await createTicket(deps, await actorForPerson(deps, deps.uow.read, (await deps.uow.read.people.get(id.Emma))!, 'web'), { title: 'Screen flickers', description: '' });
    await page.goto('/tickets');
    expect(await page.textContent('li .meta')).toContain('Assigned to: ');
    await page.goto('/settings');
    await page.selectOption('#locale', 'fr');
    await shot(page, 'day-one-settings-language-phone');
    await Promise.all([page.waitForURL(/\/settings\?done=saved$/), page.click('#language-form button[type=submit]')]);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.goto('/tickets');
    expect(await page.textContent('li .meta')).toContain('Assigné à : ');
    await shot(page, 'day-one-tickets-french-phone');
    await ctx.close();
  });

  it('a KB page shows the article formatted, not raw Markdown', async () => {
    const { ctx, page } = await signedInAs(b.browser, s.url, id.Theo, DESK);
    await page.goto(`/kb/articles/${article}`);
    expect(await page.locator('article ol li').count()).toBe(2);
    expect(await page.textContent('article strong')).toBe('off');
    expect(await page.textContent('article')).not.toContain('**');
    await shot(page, 'day-one-kb-article');
    await ctx.close();
  });

  it('the bot\'s sla answer is formatted, in words; "langue fr" answers in French', async () => {
    const { ctx, page } = await signedInAs(b.browser, s.url, id.Theo, DESK);
    await page.goto('/bot');
    await page.fill('#chat-text', 'sla');
    await page.press('#chat-text', 'Enter');
    await page.waitForSelector('.from-bot .bubble strong');
    const bubble = await page.textContent('.from-bot .bubble');
    expect(bubble).toContain('SLA and automation');
    expect(bubble).not.toMatch(/\*|bus\.|\bnone\b/);
    await page.fill('#chat-text', 'langue fr');
    await page.press('#chat-text', 'Enter');
    await page.locator('.from-bot .bubble').nth(1).waitFor();
    expect(await page.locator('.from-bot .bubble').nth(1).textContent()).toBe('C’est noté : je vous parle désormais en français.');
    await shot(page, 'day-one-bot-sla-language');
    await page.fill('#chat-text', 'language en');
    await page.press('#chat-text', 'Enter');
    await page.locator('.from-bot .bubble').nth(2).waitFor();
    await ctx.close();
  });

  it('an unknown address is the app\'s 404 page in its layout and language', async () => {
    const { ctx, page } = await signedInAs(b.browser, s.url, id.Mia, DESK, 'fr-FR');
    const res = await page.goto('/nope');
    expect(res?.status()).toBe(404);
    expect(await page.textContent('main')).toContain("Cette page n'existe pas.");
    expect(await page.locator('header nav a[href="/dashboard"]').count()).toBe(1);
    expect(await page.textContent('body')).not.toContain('Cannot GET');
    await shot(page, 'day-one-404-french');
    await ctx.close();
  });

  it('phone support files for a caller from the web form; a refused resolve keeps the typed resolution', async () => {
    const { ctx, page } = await signedInAs(b.browser, s.url, id.Theo, DESK);
    await page.goto('/report');
    // The form offers the upload field without claiming "No attachments yet" above it.
    expect(await page.textContent('#report-form')).not.toMatch(/No attachment/);
    await page.fill('#title', 'Caller cannot print');
    await page.fill('#caller', 'emma@example.com');
    await shot(page, 'day-one-report-for-caller');
    await Promise.all([page.waitForURL(/\/tickets\/\d+\?done=created$/), page.click('#report-form button[type=submit]')]);
    const n = Number(/\/tickets\/(\d+)/.exec(page.url())![1]);
    const row = (await s.t.db.sequelize.query('SELECT requester_id FROM tickets WHERE id = ?', { replacements: [n], plain: true })) as { requester_id: number };
    expect(row.requester_id).toBe(id.Emma);
    expect(await page.textContent('main')).not.toContain('No attachment.');
    const deps = s.running.deps;
    const blocker = await createTicket(deps, admin, { title: 'Print server down', description: '', requester: 'emma@example.com' });
    await linkTickets(deps, admin, n, { type: 'depends_on', ticket: blocker.ticket.id });
    await page.goto(`/tickets/${n}`);
    await page.selectOption('#status', 'resolved');
    await page.fill('#resolution', 'Reinstalled the driver');
    await page.click('form[action$="/status"] button[type=submit]');
    await page.waitForSelector('#err-status');
    expect(await page.inputValue('#resolution')).toBe('Reinstalled the driver');
    expect(await page.inputValue('#status')).toBe('resolved');
    expect(await page.textContent('#err-status')).toContain(`#${blocker.ticket.id}`);
    await shot(page, 'day-one-refused-resolve');
    await ctx.close();
  });

  it('a report that reached nobody says so on the French dashboard, with the fix', async () => {
    const token = await s.token('manager', { email: 'max@example.com', name: 'Max' });
    const sent = await s.call('POST', '/api/v1/reports/send', token, { period: 'weekly', lang: 'fr' });
    expect(sent.body.warning.code).toBe('report_reached_nobody');
    const { ctx, page } = await signedInAs(b.browser, s.url, id.Mia, DESK, 'fr-FR');
    await page.goto('/dashboard');
    const list = await page.textContent(`section.stored[data-report="${sent.body.report.id}"]`);
    expect(list).toContain("Personne n'a reçu ce rapport.");
    expect(list).toContain('setup managers');
    expect(await page.textContent('main')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await shot(page, 'day-one-dashboard-nobody-french');
    await ctx.close();
  });
});
