import { TEST_DATABASES } from '../support/db';
import { startTestServer } from '../support/server';
import { WebClient } from '../web/web-client';

/** A report send that reaches nobody says so, and how to fix it (R8), on the API and the dashboard. */
describe.each(TEST_DATABASES)('a report that reached nobody (R8) on %s', (db) => {
  it('POST /reports/send warns with a code and the fix; the dashboard does not list it as received', async () => {
    const s = await startTestServer(db);
    try {
      const manager = await s.token('manager', { email: 'mia@example.test', name: 'Mia' });
      const sent = await s.call('POST', '/api/v1/reports/send', manager, { period: 'weekly', lang: 'en' });
      expect(sent.status).toBe(201);
      const mia = (await s.t.uow.read.people.find({ by: 'email', value: 'mia@example.test' }))!;
      expect(sent.body.outcomes).toEqual([expect.objectContaining({ result: 'not_reached', personId: mia.id, name: 'Mia' })]);
      expect(sent.body.nobody).toBe(true);
      expect(sent.body.warning).toEqual({
        code: 'report_reached_nobody',
        message: `Report #${sent.body.report.id} was kept, but nobody received it: no managers channel is set up and no manager gets it by e-mail.`,
        howToFix: expect.stringContaining('type "setup managers"'),
      });
      const web = new WebClient(s.url);
      await web.signIn(mia.id);
      const page = await web.get('/dashboard');
      expect(page.status).toBe(200);
      const stored = /<section class="stored" data-report="(\d+)">([\s\S]*?)<\/section>/.exec(page.text);
      expect(Number(stored?.[1])).toBe(sent.body.report.id);
      expect(stored?.[2]).toContain('Nobody received this report.');
      expect(stored?.[2]).toContain('setup managers');
      expect(stored?.[2]).toContain('Mia');
      // Once a channel is bound, a send reaches it and carries no warning.
      await s.t.uow.transaction((st) => st.chat.bind({ platform: 'teams', channelId: '19:managers@thread.tacv2', purpose: 'managers', serviceId: null, teamId: null }, new Date()));
      const again = await s.call('POST', '/api/v1/reports/send', manager, { period: 'monthly', lang: 'en' });
      expect(again.body.outcomes.map((o: { target: string }) => o.target)).toContain('teams:19:managers@thread.tacv2');
      expect(again.body.warning).toBeUndefined();
      expect(again.body.nobody).toBe(false);
    } finally {
      await s.close();
    }
  }, 60000);
});
