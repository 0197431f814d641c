import { TEST_DATABASES } from '../../support/db';
import { useWorld, type Who } from '../../support/fixtures';
import { createArticle } from '../../../core/kb/create-article.service';
import { searchArticles } from '../../../core/kb/search-articles.service';
import type { CreateArticleInput } from '../../../core/kb/kb.schemas';

/**
 * Issue 8 "Done when": search on both databases — accents, plural/singular, ranking (a title match
 * beats a body match), language filter, audience filter (R15 knowledge base, R2 answers at once).
 */
describe.each(TEST_DATABASES)('R15 R2 knowledge-base search on %s', (dbName) => {
  const world = useWorld(dbName);
  let tech: Who;
  let emp: Who;

  const write = (input: Partial<CreateArticleInput> & { title: string }) =>
    createArticle(world().deps, tech.actor, { body: 'Sans rapport avec la question.', publish: true, ...input });
  const titles = async (who: Who, q: string, extra: Record<string, string> = {}) =>
    (await searchArticles(world().deps, who.actor, { q, ...extra })).items.map((a) => a.title);

  beforeEach(async () => {
    tech = await world().technician([], 'Théo Technicien');
    emp = await world().employee('Alice Martin');
    // Filler, so no word appears in every article (InnoDB gives such a word no weight).
    for (const t of ['Réserver une salle', 'Demander un badge', 'Commander du café', 'Congés et absences']) await write({ title: t });
  });

  it('folds accents both ways: "ecran" finds "écran", "écran" finds "ecran"', async () => {
    await write({ title: 'Mon écran reste noir', body: 'Vérifiez le câble HDMI.' });
    await write({ title: 'Brancher un second ecran', body: 'Utilisez la station d’accueil.' });
    expect((await titles(emp, 'ecran')).sort()).toEqual(['Brancher un second ecran', 'Mon écran reste noir']);
    expect((await titles(emp, 'ÉCRAN')).sort()).toEqual(['Brancher un second ecran', 'Mon écran reste noir']);
    expect(await titles(emp, 'cable hdmi')).toEqual(['Mon écran reste noir']);
  });

  it('matches plural and singular: "imprimantes" finds "imprimante" and back', async () => {
    await write({ title: 'Installer une imprimante réseau', body: 'Ajoutez-la depuis les paramètres.' });
    await write({ title: 'Les imprimantes du 2e étage', body: 'Liste et emplacements.' });
    expect((await titles(emp, 'imprimantes')).sort()).toEqual(['Installer une imprimante réseau', 'Les imprimantes du 2e étage']);
    expect((await titles(emp, 'imprimante')).sort()).toEqual(['Installer une imprimante réseau', 'Les imprimantes du 2e étage']);
    await write({ title: 'Printers on the third floor', body: 'Where they are.', language: 'en' });
    expect(await titles(emp, 'printer')).toEqual(['Printers on the third floor']);
  });

  it('ranks a title match above a body match, whatever the order of writing', async () => {
    await write({ title: 'Problèmes de connexion', body: 'Si le VPN refuse la connexion, redémarrez le client VPN puis réessayez avec le VPN.' });
    await write({ title: 'VPN : se connecter depuis la maison', body: 'Ouvrez le client et saisissez vos identifiants.' });
    expect(await titles(emp, 'vpn')).toEqual(['VPN : se connecter depuis la maison', 'Problèmes de connexion']);
    // Natural sentences work too: stop words are ignored, the useful words rank.
    expect((await titles(emp, 'mon vpn ne marche plus'))[0]).toBe('VPN : se connecter depuis la maison');
  });

  it('puts articles holding every word of the question first', async () => {
    for (const t of ['Imprimante neuve', 'Session Windows bloquée', 'Imprimante bloquée au 1er', 'Imprimante bloquée au 2e']) await write({ title: t });
    const first2 = (xs: string[]) => xs.slice(0, 2).sort();
    expect(first2(await titles(emp, 'imprimantes bloquées'))).toEqual(['Imprimante bloquée au 1er', 'Imprimante bloquée au 2e']);
    expect((await titles(emp, 'imprimantes bloquées')).length).toBe(4);
    expect((await titles(emp, 'imprimantes bloquées', { limit: '2' })).sort()).toEqual(['Imprimante bloquée au 1er', 'Imprimante bloquée au 2e']);
  });

  it('filters by language', async () => {
    await write({ title: 'Réinitialiser son mot de passe', body: 'Outlook et Windows.', language: 'fr' });
    await write({ title: 'Reset your password', body: 'Outlook and Windows.', language: 'en' });
    expect((await titles(emp, 'outlook')).sort()).toEqual(['Reset your password', 'Réinitialiser son mot de passe']);
    expect(await titles(emp, 'outlook', { lang: 'en' })).toEqual(['Reset your password']);
    expect(await titles(emp, 'outlook', { lang: 'fr' })).toEqual(['Réinitialiser son mot de passe']);
  });

  it('never shows technician-only articles or drafts to an employee, but shows them to staff', async () => {
    await write({ title: 'Wi-Fi invités : le code du jour', body: 'Demandez à l’accueil.' });
    await write({ title: 'Wi-Fi : redémarrer le contrôleur', body: 'Console UniFi, compte admin.', audience: 'technicians' });
    await write({ title: 'Wi-Fi : nouveau réseau (brouillon)', publish: false });
    expect(await titles(emp, 'controleur unifi')).toEqual([]);
    expect(await titles(emp, 'wi-fi')).toEqual(['Wi-Fi invités : le code du jour']);
    expect(await titles(emp, 'wi-fi', { status: 'all' })).toEqual(['Wi-Fi invités : le code du jour']);
    expect((await titles(tech, 'wi-fi')).sort()).toEqual(['Wi-Fi : redémarrer le contrôleur', 'Wi-Fi invités : le code du jour']);
    expect(await titles(tech, 'wi-fi', { status: 'draft' })).toEqual(['Wi-Fi : nouveau réseau (brouillon)']);
    // Without words, the employee's list is filtered the same way.
    expect((await titles(emp, '')).some((t) => /contrôleur|brouillon/.test(t))).toBe(false);
  });

  it('finds two-letter words and filters by category; only stop words find nothing', async () => {
    await write({ title: 'Nouveau PC portable : premiers pas', category: 'hardware' });
    await write({ title: 'Logiciel comptable sur PC', category: 'software' });
    expect((await titles(emp, 'pc')).sort()).toEqual(['Logiciel comptable sur PC', 'Nouveau PC portable : premiers pas']);
    expect(await titles(emp, 'pc', { category: 'hardware' })).toEqual(['Nouveau PC portable : premiers pas']);
    expect(await titles(emp, 'le la les')).toEqual([]);
  });
});
