import { openTestDb, TEST_DATABASES, TestDb } from '../../support/db';
import { englishQueryTerms, englishStem } from '../../../core/kb/kb-text';
import { createArticle } from '../../../core/kb/create-article.service';
import { articlesForProblem } from '../../../core/kb/articles-for-problem.service';
import { loadDemoArticles } from '../../../cli/demo-articles';
import { systemActor, type Actor } from '../../../core/shared/actor';
import type { CoreDeps } from '../../../core/shared/deps';

/** English answers as good as the French ones (R15, R2): stems, the reader's language first. */
describe('English stems (R15)', () => {
  it('working, worked, works and work meet; printer, printers and printing meet; short words stay', () => {
    expect(['working', 'worked', 'works', 'work'].map(englishStem)).toEqual(['work', 'work', 'work', 'work']);
    expect(['printer', 'printers', 'printing', 'printed'].map(englishStem)).toEqual(['print', 'print', 'print', 'print']);
    expect(englishStem('stopped')).toBe('stop');
    expect(englishStem('batteries')).toBe('battery');
    expect(englishQueryTerms('my printer does not work anymore')).toEqual(['print', 'work']);
  });
});

describe.each(TEST_DATABASES)('English suggestions (R15) on %s', (dbName) => {
  let t: TestDb;
  let deps: CoreDeps;
  const admin: Actor = { ...systemActor('en'), channel: 'cli', name: 'admin' };
  const reader = (locale: 'en' | 'fr'): Actor => ({ ...systemActor(locale), role: 'employee', personId: null, channel: 'web', name: 'reader' });
  beforeAll(async () => {
    t = await openTestDb(dbName);
    deps = { uow: t.uow, clock: { now: () => new Date() }, defaultLocale: 'fr', admins: [] };
  });
  afterAll(() => t?.close());

  it('in the demo, "my printer does not work anymore" suggests the printer articles, not the password one', async () => {
    await t.reset();
    await loadDemoArticles(deps, { support: admin, reseau: admin, applications: admin, acces: admin });
    const titles = (await articlesForProblem(deps, reader('en'), 'my printer does not work anymore')).map((a) => a.title);
    expect(titles[0]).toMatch(/^Printer/);
    expect(titles.slice(0, 2).every((x) => /printer/i.test(x))).toBe(true);
    expect(titles.indexOf('Forgot your password? Reset it yourself')).not.toBe(0);
  });

  it('matches English inflections by stem, and falls back to the other language after the reader\'s own', async () => {
    await t.reset();
    await createArticle(deps, admin, { title: 'Scanner stopped scanning', body: 'Restart the scanning service.', language: 'en', publish: true });
    await createArticle(deps, admin, { title: 'Écran noir au démarrage', body: 'Vérifiez le câble écran.', language: 'fr', publish: true });
    expect((await articlesForProblem(deps, reader('en'), 'the scanner stops when I scan')).map((a) => a.title)).toEqual(['Scanner stopped scanning']);
    // Nothing in English about it: the French article comes next rather than nothing.
    expect((await articlesForProblem(deps, reader('en'), 'ecran noir')).map((a) => a.title)).toEqual(['Écran noir au démarrage']);
  });
});
