import { TEST_DATABASES } from '../../support/db';
import { startSlackServer, type SlackTestServer } from '../../support/slack';
import { t as translate } from '../../../core/i18n/translate';

/**
 * R18: while the database is away, a Slack user is told, in their language, to try again in a
 * minute; never "internal error". (SQLite's handle is closed under the running server.)
 */
describe.each(TEST_DATABASES.filter((d) => d === 'sqlite'))('R18 Slack during a database outage (%s)', (db) => {
  let t: SlackTestServer;
  beforeAll(async () => {
    t = await startSlackServer(db, { users: [{ id: 'UOUTAGE01', name: 'Olga Outage', email: 'olga@exemple.fr', locale: 'fr-FR' }] });
  });
  afterAll(() => t.close().catch(() => undefined));

  it('answers a command with "try again in a minute", not an internal error', async () => {
    await t.s.t.db.close();
    const r = await t.command('/tickets', 'UOUTAGE01', '');
    expect(r.status).toBeLessThan(500);
    const said = async () => t.fake.calls.filter((c) => ['response_url', 'chat.postEphemeral', 'chat.postMessage'].includes(c.method)).map((c) => String(c.body.text ?? ''));
    for (let i = 0; i < 50 && !(await said()).length; i++) await new Promise((res) => setTimeout(res, 100));
    const texts = [...(await said()), r.text];
    const friendly = [translate('fr', 'chat.unavailable'), translate('en', 'chat.unavailable')];
    expect(texts.some((x) => friendly.some((f) => x.includes(f)))).toBe(true);
    expect(texts.some((x) => x.includes(translate('fr', 'error.internal_error')) || x.includes(translate('en', 'error.internal_error')))).toBe(false);
  });
});
