import { TEST_DATABASES } from '../../support/db';
import { expectError, useWorld, Who } from '../../support/fixtures';
import { createArticle } from '../../../core/kb/create-article.service';
import { updateArticle } from '../../../core/kb/update-article.service';
import { publishArticle } from '../../../core/kb/publish-article.service';
import { getArticle } from '../../../core/kb/get-article.service';
import { listArticleVersions } from '../../../core/kb/list-article-versions.service';
import { markArticleHelpful } from '../../../core/kb/mark-article-helpful.service';
import { deleteArticle } from '../../../core/kb/delete-article.service';

/** Articles (R15): who writes, who reads, every edit kept with who and when (R19), counters (R2 deflection). */
describe.each(TEST_DATABASES)('R15 R2 articles, access, versions and deflection counts on %s', (dbName) => {
  const world = useWorld(dbName);
  let tech: Who, other: Who, emp: Who;

  beforeEach(async () => {
    tech = await world().technician([], 'Théo Technicien');
    other = await world().technician([], 'Tina Tech');
    emp = await world().employee('Alice Martin');
  });

  const audit = async (id: number) =>
    (await world().db.db.sequelize.query(`SELECT action, actor_name FROM audit_entries WHERE entity = 'article' AND entity_id = ${id} ORDER BY id`))[0] as Array<{ action: string; actor_name: string }>;

  it('lets staff write and refuses employees, writing nothing', async () => {
    await expectError(createArticle(world().deps, emp.actor, { title: 'Astuce', body: 'Texte' }), 'forbidden');
    const a = await createArticle(world().deps, tech.actor, { title: 'Outlook : boîte pleine', body: 'Archivez les anciens messages.', kind: 'guide', tags: ['outlook', 'mail'] });
    expect(a).toMatchObject({ kind: 'guide', status: 'draft', version: 1, language: 'fr', audience: 'everyone', tags: ['outlook', 'mail'], author: { name: 'Théo Technicien' } });
    await expectError(updateArticle(world().deps, emp.actor, a.id, { title: 'Piraté' }), 'forbidden');
    await expectError(publishArticle(world().deps, emp.actor, a.id), 'forbidden');
    expect((await getArticle(world().deps, tech.actor, a.id)).title).toBe('Outlook : boîte pleine');
    expect((await audit(a.id)).map((e) => e.action)).toEqual(['article_created']);
  });

  it('hides drafts and technician-only articles from employees as "not found", on get, helpful and versions', async () => {
    const draft = await createArticle(world().deps, tech.actor, { title: 'Brouillon', body: 'À relire' });
    const internal = await createArticle(world().deps, tech.actor, { title: 'Console du contrôleur Wi-Fi', body: 'admin / voir le coffre', audience: 'technicians', publish: true });
    for (const id of [draft.id, internal.id]) {
      await expectError(getArticle(world().deps, emp.actor, id), 'article_not_found', { id });
      await expectError(markArticleHelpful(world().deps, emp.actor, id), 'article_not_found', { id });
      await expectError(listArticleVersions(world().deps, emp.actor, id), 'article_not_found', { id });
    }
    expect((await getArticle(world().deps, other.actor, internal.id)).title).toBe('Console du contrôleur Wi-Fi');
    await publishArticle(world().deps, tech.actor, draft.id);
    expect((await getArticle(world().deps, emp.actor, draft.id)).status).toBe('published');
    await expectError(getArticle(world().deps, emp.actor, 987654), 'article_not_found');
  });

  it('keeps every version with its editor and time, and refuses a stale edit', async () => {
    const a = await createArticle(world().deps, tech.actor, { title: 'VPN', body: 'v1', publish: true });
    world().clock.advance(60);
    await updateArticle(world().deps, other.actor, a.id, { body: 'v2', version: 1 });
    world().clock.advance(60);
    const v3 = await updateArticle(world().deps, tech.actor, a.id, { title: 'VPN depuis la maison', tags: ['vpn'] });
    expect(v3).toMatchObject({ version: 3, title: 'VPN depuis la maison', body: 'v2', tags: ['vpn'], status: 'published' });
    await expectError(updateArticle(world().deps, other.actor, a.id, { body: 'écrase', version: 2 }), 'article_changed', { id: a.id, version: 3 });
    const versions = await listArticleVersions(world().deps, tech.actor, a.id);
    expect(versions.map((v) => [v.version, v.title, v.body, v.editorName])).toEqual([
      [1, 'VPN', 'v1', 'Théo Technicien'],
      [2, 'VPN', 'v2', 'Tina Tech'],
      [3, 'VPN depuis la maison', 'v2', 'Théo Technicien'],
    ]);
    const t0 = new Date('2026-01-13T09:00:00.000Z').getTime();
    expect(versions.map((v) => v.createdAt.getTime() - t0)).toEqual([0, 3_600_000, 7_200_000]);
    expect(versions[1].editorId).toBe(other.person.id);
    expect((await audit(a.id)).map((e) => `${e.action}:${e.actor_name}`)).toEqual([
      'article_created:Théo Technicien', 'article_updated:Tina Tech', 'article_updated:Théo Technicien',
    ]);
    // Employees read the article but not its editorial history.
    await expectError(listArticleVersions(world().deps, emp.actor, a.id), 'forbidden');
  });

  it('counts views and "this solved it", and files no ticket for it (R2 deflection)', async () => {
    const a = await createArticle(world().deps, tech.actor, { title: 'Teams : pas de son', body: 'Choisissez le bon périphérique audio.', publish: true });
    expect((await getArticle(world().deps, emp.actor, a.id)).viewCount).toBe(1);
    expect((await getArticle(world().deps, emp.actor, a.id)).viewCount).toBe(2);
    expect(await markArticleHelpful(world().deps, emp.actor, a.id)).toEqual({ id: a.id, helpfulCount: 1 });
    expect((await markArticleHelpful(world().deps, emp.actor, a.id)).helpfulCount).toBe(2);
    expect((await getArticle(world().deps, tech.actor, a.id)).helpfulCount).toBe(2);
    expect(await world().allTickets()).toEqual([]);
  });

  it('stores a body at the limit, 50,000 accented characters, in the article and its version', async () => {
    const body = 'é'.repeat(50000);
    const a = await createArticle(world().deps, tech.actor, { title: 'Très long', body });
    expect((await getArticle(world().deps, tech.actor, a.id)).body).toBe(body);
    expect((await listArticleVersions(world().deps, tech.actor, a.id))[0].body).toBe(body);
    await expectError(createArticle(world().deps, tech.actor, { title: 'Trop long', body: body + 'é' }), 'validation_failed');
  });

  it('deletes an article with its versions, and the audit keeps the trace', async () => {
    const a = await createArticle(world().deps, tech.actor, { title: 'Obsolète', body: 'Ancienne procédure', publish: true });
    await deleteArticle(world().deps, tech.actor, a.id);
    await expectError(getArticle(world().deps, tech.actor, a.id), 'article_not_found');
    expect(await world().db.uow.read.kb.versions(a.id)).toEqual([]);
    expect((await audit(a.id)).map((e) => e.action)).toEqual(['article_created', 'article_deleted']);
  });
});
