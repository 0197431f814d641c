import { openDatabase, type Database } from '../adapters/sequelize/database';
import { loadSettings } from '../adapters/config/settings';
import { startServer } from '../main';
import { systemActor } from '../core/shared/actor';
import { createToken } from '../core/people/create-token.service';
import { createPerson } from '../core/people/manage-people.service';
import { actorForPerson } from '../core/people/actor-for-person';
import { searchArticles } from '../core/kb/search-articles.service';
import { queryTerms } from '../core/kb/kb-text';
import { searchable } from '../core/kb/kb-change';
import { DEMO_ARTICLES } from '../cli/demo-articles';
import { ms, summarize, timeEach } from './stats';
import { prng, recreateDatabase } from './bench-db';

/**
 * Issue 8: knowledge-base search over 10,000 articles on MariaDB. An employee's search through the
 * real HTTP route (token, filters, every-word-first then title-first ordering, authors' names), the
 * use case alone, and the raw any-word FULLTEXT query (the most expensive one it may send) on the same pool.
 */
const REQUESTS = 300;
const QUERIES = [
  'mon imprimante ne marche plus', 'vpn maison', 'mot de passe oublié', 'outlook ne s’ouvre plus', 'teams micro', 'écran noir',
  'wifi invités', 'dossier partagé accès', 'nouveau pc portable', 'onedrive synchronisation', 'boîte aux lettres pleine', 'compte verrouillé',
  'imprimantes bloquées', 'certificat vpn expiré', 'installer logiciel', 'partager écran réunion', 'bourrage papier', 'double authentification téléphone',
];
const WORDS = (
  'poste ordinateur portable écran clavier souris imprimante scanner réseau wifi vpn serveur messagerie outlook teams réunion micro casque ' +
  'compte mot passe accès droit dossier partagé fichier onedrive sharepoint logiciel installation mise jour redémarrer vérifier ouvrir ' +
  'fermer paramètres connexion erreur message lent bloqué panne câble station accueil badge téléphone application certificat licence ' +
  'sauvegarde restauration bureau étage site agence procédure guide étape administrateur console service client comptabilité paie'
).split(' ');

/** Pronounceable made-up words: a long tail that matches no query, as most of a real article's words. */
const SYLLABLES = ['ta', 'ro', 'mi', 'ven', 'lu', 'ca', 'dor', 'pe', 'si', 'bal', 'ne', 'quo', 'ri', 'sto', 'fa', 'gel'];
const VOCABULARY = Array.from({ length: 4000 }, (_, i) => {
  let w = '';
  for (let n = i + 17; w.length < 6 || n > 0; n = Math.floor(n / SYLLABLES.length)) w += SYLLABLES[n % SYLLABLES.length];
  return w;
});

/**
 * Variations on the demo articles plus generated prose, written through the repository (so with the
 * very normalised columns and weights it writes), ten at a time.
 */
async function seedArticles(db: Database, size: number, authorId: number): Promise<void> {
  const rnd = prng(15);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const now = new Date();
  for (let from = 0; from < size; from += 10) {
    const batch: Array<Promise<number>> = [];
    for (let i = from; i < Math.min(size, from + 10); i++) {
      const base = DEMO_ARTICLES[i % DEMO_ARTICLES.length];
      const title = `${base.title} (${pick(WORDS)} ${pick(WORDS)} ${i})`;
      // Zipf-like prose over a large vocabulary, plus a few helpdesk words: each of those lands in a few
      // percent of the articles, as in a real base, rather than in nearly all of them.
      const prose = [
        ...Array.from({ length: 60 + Math.floor(rnd() * 120) }, () => VOCABULARY[Math.floor(VOCABULARY.length * rnd() ** 3)]),
        ...Array.from({ length: Math.floor(rnd() * 7) }, () => pick(WORDS)),
      ].join(' ');
      const content = { kind: base.kind, title, body: `${base.body}\n\n${prose}`, category: base.category, tags: base.tags,
        language: base.language ?? (rnd() < 0.85 ? 'fr' : 'en'), audience: rnd() < 0.8 ? 'everyone' : 'technicians' } as const;
      const s = searchable(content);
      batch.push(db.uow.read.kb.insert({ ...content, status: rnd() < 0.9 ? 'published' : 'draft', authorId }, s.title, s.body, now));
    }
    await Promise.all(batch);
  }
  await db.sequelize.query('OPTIMIZE TABLE kb_articles'); // merges the FULLTEXT auxiliary tables, as a live base would be after a while
  await db.sequelize.query('ANALYZE TABLE kb_articles');
}

export async function kbSearchBench(url: string, size: number, log: (s: string) => void): Promise<Array<Record<string, string | number>>> {
  await recreateDatabase(url);
  const db = await openDatabase(url);
  const running = await startServer(loadSettings({ PORT: '0', DATABASE_URL: url, LOG_LEVEL: 'silent' }), { db, quiet: true });
  const operator = { ...systemActor('fr'), channel: 'cli' as const, name: 'bench' };
  const author = await createPerson(running.deps, operator, { displayName: 'Bench Author', email: 'kb-author@bench.example', role: 'technician' });
  const employee = await createPerson(running.deps, operator, { displayName: 'Bench Employee', email: 'kb-emp@bench.example', role: 'employee' });
  const actor = await actorForPerson(running.deps, db.uow.read, (await db.uow.read.people.get(employee.id))!, 'api');
  const token = (await createToken(running.deps, operator, { name: 'kb', role: 'employee', user: 'kb-emp@bench.example' })).token;
  const t0 = Date.now();
  await seedArticles(db, size, author.id);
  log(`  seeded ${size} articles in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  let hits = 0;
  const api = async (i: number) => {
    const q = encodeURIComponent(QUERIES[i % QUERIES.length]);
    const res = await fetch(`${running.url}/api/v1/kb/articles?q=${q}&lang=fr&limit=10`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { items?: unknown[] };
    if (res.status !== 200 || !Array.isArray(body.items)) throw new Error(`search: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    hits += body.items.length;
  };
  const raw = async (i: number) => {
    const against = queryTerms(QUERIES[i % QUERIES.length]).join(' ');
    await db.sequelize.query(
      `SELECT id, MATCH(search_title, search_body) AGAINST (? IN BOOLEAN MODE) AS r FROM kb_articles
       WHERE MATCH(search_title, search_body) AGAINST (? IN BOOLEAN MODE) AND status = 'published' AND audience = 'everyone' AND language = 'fr'
       ORDER BY r DESC LIMIT 10`,
      { replacements: [against, against] },
    );
  };
  for (let i = 0; i < 30; i++) await api(i); // warm-up
  let queries = 0;
  const stop = db.onQuery(() => queries++);
  const apiT = summarize(await timeEach(REQUESTS, api));
  stop();
  for (let i = 0; i < 30; i++) await raw(i);
  const rawT = summarize(await timeEach(REQUESTS, raw));
  // The use case alone (search, names), without HTTP and token look-up: where the time goes.
  const core = async (i: number) => void (await searchArticles(running.deps, actor, { q: QUERIES[i % QUERIES.length], lang: 'fr', limit: 10 }));
  const coreT = summarize(await timeEach(REQUESTS, core));
  await running.close();
  await db.close();
  return [{
    articles: size, case: 'employee search (HTTP)', 'hits/page': (hits / (REQUESTS + 30)).toFixed(1), 'api p50': ms(apiT.p50), 'api p95': ms(apiT.p95),
    'SQL/request': (queries / REQUESTS).toFixed(1), 'core p50': ms(coreT.p50), 'core p95': ms(coreT.p95), 'raw any-word FULLTEXT p50': ms(rawT.p50), 'raw any-word FULLTEXT p95': ms(rawT.p95), 'p95 ratio': `${(apiT.p95 / rawT.p95).toFixed(1)}x`,
  }];
}
