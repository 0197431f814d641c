import { TEST_DATABASES } from '../../support/db';
import { expectError, useWorld, Who } from '../../support/fixtures';
import type { Service } from '../../../core/people/person.entity';
import { changeStatus } from '../../../core/tickets/change-status.service';
import { claimTicket } from '../../../core/tickets/claim-ticket.service';
import { ticketHistory } from '../../../core/tickets/ticket-history.service';
import { draftArticleFromTicket } from '../../../core/kb/draft-article-from-ticket.service';
import { linkArticleToTicket } from '../../../core/kb/link-article-to-ticket.service';
import { listTicketArticles } from '../../../core/kb/ticket-articles.service';
import { createArticle } from '../../../core/kb/create-article.service';
import { updateArticle } from '../../../core/kb/update-article.service';
import { publishArticle } from '../../../core/kb/publish-article.service';
import { getArticle } from '../../../core/kb/get-article.service';
import { listArticleVersions } from '../../../core/kb/list-article-versions.service';
import { suggestArticlesForTicket } from '../../../core/kb/suggest-articles-for-ticket.service';

/** Issue 8 §4-5: from a resolved ticket to an article, link kept both ways (R15 ticket linking, R7 fewer repeats). */
describe.each(TEST_DATABASES)('R15 R7 tickets to articles and suggestions on %s', (dbName) => {
  const world = useWorld(dbName);
  let support: Service;
  let tech: Who, outsider: Who, emp: Who;

  beforeEach(async () => {
    support = await world().service('support');
    tech = await world().technician([support], 'Théo Technicien');
    outsider = await world().technician([await world().service('reseau')], 'Rita Réseau');
    emp = await world().employee('Alice Martin');
    await world().routeCategory('hardware', support);
  });

  const resolved = async (title: string, description: string, resolution: string) => {
    const t = await world().ticket(emp.actor, { title, description, category: 'hardware' });
    await claimTicket(world().deps, tech.actor, t.id);
    await changeStatus(world().deps, tech.actor, t.id, { status: 'resolved', resolution });
    return t.id;
  };

  it('turns a resolved ticket into a draft in one action, linked both ways, with its version history', async () => {
    const n = await resolved('Imprimante du 2e en erreur 49', 'Elle affiche 49.4C02 et ne sort rien.', 'Éteindre, retirer la carte réseau, rallumer.');
    const { article, created } = await draftArticleFromTicket(world().deps, tech.actor, n);
    expect(created).toBe(true);
    expect(article).toMatchObject({ title: 'Imprimante du 2e en erreur 49', status: 'draft', audience: 'technicians', kind: 'procedure', category: 'hardware', resolvedCount: 1, tickets: [n] });
    expect(article.body).toContain('Elle affiche 49.4C02');
    expect(article.body).toContain('Éteindre, retirer la carte réseau, rallumer.');
    // The ticket's end reads the same link, and its history says who drafted it.
    expect((await listTicketArticles(world().deps, tech.actor, n)).items.map((a) => a.id)).toEqual([article.id]);
    const history = await ticketHistory(world().deps, tech.actor, n);
    expect(history[history.length - 1]).toMatchObject({ action: 'article_drafted', entity: 'article', entityId: article.id, actorName: 'Théo Technicien' });
    expect((await ticketHistory(world().deps, emp.actor, n)).map((e) => e.action)).not.toContain('article_drafted');
    // A second press gives the same draft back.
    const again = await draftArticleFromTicket(world().deps, tech.actor, n);
    expect([again.created, again.article.id]).toEqual([false, article.id]);
    // Edits keep the history, and the link survives them.
    await updateArticle(world().deps, tech.actor, article.id, { audience: 'everyone', body: `${article.body}\n\nMise à jour.` });
    await publishArticle(world().deps, tech.actor, article.id);
    expect((await listArticleVersions(world().deps, tech.actor, article.id)).map((v) => v.version)).toEqual([1, 2]);
    expect((await getArticle(world().deps, emp.actor, article.id)).resolvedCount).toBe(1);
    // The requester sees their ticket's answer once it is published for everyone.
    expect((await listTicketArticles(world().deps, emp.actor, n)).items.map((a) => a.title)).toEqual(['Imprimante du 2e en erreur 49']);
  });

  it('refuses open tickets, employees and technicians of other services, drafting nothing', async () => {
    const open = await world().ticket(emp.actor, { title: 'Écran noir', category: 'hardware' });
    await expectError(draftArticleFromTicket(world().deps, tech.actor, open.id), 'ticket_not_resolved', { number: open.id });
    const n = await resolved('Souris HS', 'Ne clique plus', 'Souris remplacée');
    await expectError(draftArticleFromTicket(world().deps, emp.actor, n), 'forbidden');
    await expectError(draftArticleFromTicket(world().deps, outsider.actor, n), 'ticket_not_found');
    await expectError(draftArticleFromTicket(world().deps, tech.actor, 99999), 'ticket_not_found');
    expect(await world().db.uow.read.kb.search({ terms: [], statuses: ['draft', 'published'], audiences: ['everyone', 'technicians'], limit: 50 })).toEqual([]);
  });

  it('counts the tickets an existing article resolved', async () => {
    const a = await createArticle(world().deps, tech.actor, { title: 'Bourrage papier', body: 'Ouvrir le capot B.', publish: true });
    const [n1, n2] = [await resolved('Bourrage', 'papier coincé', 'capot B'), await resolved('Bourrage encore', 'papier', 'capot B')];
    await linkArticleToTicket(world().deps, tech.actor, n1, { article: a.id });
    await linkArticleToTicket(world().deps, tech.actor, n1, { article: a.id });
    const after = await linkArticleToTicket(world().deps, tech.actor, n2, { article: a.id });
    expect([after.resolvedCount, after.tickets]).toEqual([2, [n1, n2]]);
    // Which tickets is staff knowledge; employees see the count only.
    expect((await getArticle(world().deps, emp.actor, a.id)).tickets).toBeUndefined();
  });

  it('suggests related published articles and similar resolved tickets for the technician card', async () => {
    await createArticle(world().deps, tech.actor, { title: 'Imprimante : bourrage papier', body: 'Ouvrir le capot.', publish: true });
    await createArticle(world().deps, tech.actor, { title: 'Imprimantes réseau : file bloquée', body: 'Redémarrer le spouleur.', audience: 'technicians', publish: true });
    await createArticle(world().deps, tech.actor, { title: 'Imprimante couleur (brouillon)', body: 'À finir.' });
    await createArticle(world().deps, tech.actor, { title: 'Réserver une salle', body: 'Outlook.', publish: true });
    const old = await resolved('Imprimante bloquée au 3e', 'plus rien ne sort', 'Spouleur redémarré');
    await resolved('Badge perdu', 'badge', 'Nouveau badge');
    const fresh = await world().ticket(emp.actor, { title: 'Mon imprimante est bloquée', description: 'Les impressions restent en file.', category: 'hardware' });
    const s = await suggestArticlesForTicket(world().deps, tech.actor, fresh.id);
    expect(s.articles.map((a) => a.title).sort()).toEqual(['Imprimante : bourrage papier', 'Imprimantes réseau : file bloquée']);
    expect(s.tickets).toEqual([expect.objectContaining({ number: old, title: 'Imprimante bloquée au 3e', resolution: 'Spouleur redémarré' })]);
    await expectError(suggestArticlesForTicket(world().deps, emp.actor, fresh.id), 'forbidden');
  });
});
