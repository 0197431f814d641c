import { TEST_DATABASES } from '../../support/db';
import { useWorld } from '../../support/fixtures';
import { DEMO_ARTICLES, loadDemoArticles } from '../../../cli/demo-articles';
import { searchArticles } from '../../../core/kb/search-articles.service';

/** `npx helpdesk demo` writes a believable knowledge base (issue 8 §7, R15): searchable at once, with the access rules. */
describe.each(TEST_DATABASES)('R15 demo knowledge base on %s', (dbName) => {
  const world = useWorld(dbName);

  it('writes about thirty articles: French for everyone, technicians-only procedures, a few in English, two drafts', async () => {
    const lead = await world().technician([], 'Nicolas Girard');
    const emp = await world().employee('Alice Martin');
    const n = await loadDemoArticles(world().deps, { support: lead.actor, reseau: lead.actor, applications: lead.actor, acces: lead.actor });
    expect(n).toBe(DEMO_ARTICLES.length);
    expect(n).toBeGreaterThanOrEqual(28);
    const all = (await searchArticles(world().deps, lead.actor, { status: 'all', limit: 50 })).items;
    expect(all).toHaveLength(n);
    const count = (f: (a: (typeof all)[number]) => boolean) => all.filter(f).length;
    expect(count((a) => a.audience === 'technicians')).toBeGreaterThanOrEqual(5);
    expect(count((a) => a.language === 'en')).toBeGreaterThanOrEqual(3);
    expect(count((a) => a.status === 'draft')).toBe(2);
    const titles = async (q: string, lang: 'fr' | 'en' = 'fr') => (await searchArticles(world().deps, emp.actor, { q, lang })).items.map((a) => a.title);
    for (const [q, expected] of [
      ['mon imprimante ne marche plus', 'Imprimante : bourrage papier'],
      ['vpn maison', 'VPN : se connecter depuis la maison'],
      ['mot de passe oublie', 'Mot de passe oublié : le réinitialiser soi-même'],
      ['on ne m entend pas sur teams', 'Teams : on ne m’entend pas ou je n’entends rien'],
      ['nouveau pc portable', 'Nouveau PC portable : premiers pas'],
    ]) {
      expect([q, (await titles(q)).slice(0, 3)]).toEqual([q, expect.arrayContaining([expected])]);
    }
    expect((await titles('spouleur')).length).toBe(0);
    expect(await titles('password', 'en')).toEqual(['Forgot your password? Reset it yourself']);
  });
});
