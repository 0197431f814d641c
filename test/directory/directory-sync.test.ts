import { openTestDb, TEST_DATABASES, type TestDb } from '../support/db';
import { startFakeGraph, type FakeGraph, type FakeUser } from '../support/fake-graph';
import { GraphSession } from '../../adapters/graph/graph-session';
import { GraphDirectory } from '../../adapters/graph/graph-directory';
import { syncDirectory } from '../../core/directory/sync-directory.service';
import { mapGroup, managerOf } from '../../core/directory/group-maps.service';
import { authenticateToken } from '../../core/people/actor-for-person';
import { createToken } from '../../core/people/create-token.service';
import { systemActor } from '../../core/shared/actor';
import type { CoreDeps } from '../../core/shared/deps';
import { Sql } from '../../adapters/sequelize/sql';

const guid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const admin = { ...systemActor('fr'), channel: 'cli' as const, name: 'cli' };

function user(i: number, over: Partial<FakeUser> = {}): FakeUser {
  return {
    id: guid(i),
    displayName: `Personne ${i}`,
    mail: `p${i}@corp.example`,
    userPrincipalName: `p${i}@corp.example`,
    department: i % 2 ? 'Finance' : 'Logistique',
    jobTitle: 'Agent',
    mobilePhone: i < 900 ? `06 00 00 ${String(Math.floor(i / 100)).padStart(2, '0')} ${String(i % 100).padStart(2, '0')}` : null,
    preferredLanguage: i % 3 ? 'fr-FR' : 'en-US',
    accountEnabled: true,
    managerId: i > 0 ? guid(Math.floor(i / 10)) : null,
    ...over,
  };
}

describe.each(TEST_DATABASES)('directory sync from Entra ID through Graph (R6) on %s', (dbName) => {
  let t: TestDb;
  let graph: FakeGraph;
  let deps: CoreDeps;
  let directory: GraphDirectory;

  beforeAll(async () => {
    t = await openTestDb(dbName);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
    graph = await startFakeGraph();
    deps = { uow: t.uow, clock: { now: () => new Date() }, defaultLocale: 'fr', admins: [] };
    directory = new GraphDirectory(new GraphSession({ tenantId: graph.tenantId, clientId: graph.clientId, clientSecret: graph.clientSecret, apiUrl: graph.apiUrl }));
    for (let i = 0; i < 1000; i++) graph.setUser(user(i));
    graph.setGroup('g-poste', 'IT-Support-Poste', [1, 2, 3, 5, 6, 7, 8].map(guid));
    graph.setGroup('g-reseau', 'IT-Reseau', [11, 12].map(guid));
    graph.setGroup('g-managers', 'IT-Managers', [1, 40].map(guid));
    await t.uow.transaction(async (s) => {
      await s.services.insert({ slug: 'poste', name: 'Poste de travail', leadId: null });
      await s.services.insert({ slug: 'reseau', name: 'Réseau', leadId: null });
    });
    await mapGroup(deps, admin, { group: 'IT-Support-Poste', role: 'technician', service: 'poste' });
    await mapGroup(deps, admin, { group: 'IT-Reseau', role: 'technician', service: 'reseau' });
    await mapGroup(deps, admin, { group: 'IT-Managers', role: 'manager' });
  });
  afterEach(async () => {
    await graph.close();
  });

  const sql = () => new Sql(t.db.sequelize, t.db.dialect, null);
  /** Everything a sync may change about people, one line per person. */
  async function people(): Promise<Map<string, string>> {
    const rows = await sql().select<Record<string, unknown>>(
      `SELECT p.aad_object_id, p.display_name, p.email, p.role, p.active, p.department, p.phone, p.locale,
              (SELECT GROUP_CONCAT(s.slug) FROM service_members m JOIN services s ON s.id = m.service_id WHERE m.person_id = p.id) AS services
       FROM people p ORDER BY p.id`,
    );
    return new Map(rows.map((r) => [String(r.aad_object_id), JSON.stringify({ ...r, active: Number(r.active), services: String(r.services ?? '').split(',').sort().join(',') })]));
  }
  const person = async (i: number) => (await t.uow.read.people.find({ by: 'aadObjectId', value: guid(i) }))!;
  const services = async (i: number) => (await t.uow.read.people.serviceIdsOf((await person(i)).id)).length;

  test('R6: 1,000 users with managers and 3 mapped groups arrive in one run, through a 429 with Retry-After', async () => {
    graph.throttleNext('/v1.0/users/delta');
    // A person who wrote to the bot before the first sync is matched by e-mail, not duplicated.
    const early = await t.uow.transaction((s) => s.people.insert({ email: 'p7@corp.example', displayName: 'p7', phone: null, locale: null, role: 'employee', aadObjectId: null, slackUserId: null, department: null, active: true }));
    const summary = await syncDirectory(deps, admin, directory);
    expect(graph.throttled).toBe(1);
    expect(summary).toMatchObject({ created: 999, updated: 1, deactivated: 0, membershipsAdded: 11, missingGroups: [] });
    const all = await people();
    expect(all.size).toBe(1000);
    const p7 = await person(7);
    expect(p7.id).toBe(early);
    expect(p7).toMatchObject({ displayName: 'Personne 7', role: 'technician', department: 'Finance', locale: 'fr' });
    expect(await person(3)).toMatchObject({ locale: 'en', phone: '+33600000003', email: 'p3@corp.example' });
    expect((await managerOf(deps, (await person(57)).id))?.aadObjectId).toBe(guid(5));
    expect(await managerOf(deps, (await person(0)).id)).toBeNull();
    expect((await person(1)).role).toBe('manager');
    expect((await person(40)).role).toBe('manager');
    expect((await person(11)).role).toBe('technician');
    expect((await person(99)).role).toBe('employee');
    const poste = (await t.uow.read.services.findBySlug('poste'))!;
    expect(poste.memberIds.length).toBe(7);
    // Paged: 1,000 users at 200 a page.
    expect(graph.requests.filter((r) => r.startsWith('GET /v1.0/users/delta')).length).toBe(6);
  });

  test('R6: a second run reads the delta only and changes exactly the renamed, the disabled and the moved', async () => {
    await syncDirectory(deps, admin, directory);
    const before = await people();
    const token = await createToken(deps, admin, { name: 'p200', role: 'employee', user: 'p200@corp.example' });
    await expect(authenticateToken(deps, token.token, 'api')).resolves.toMatchObject({ name: 'Personne 200' });
    graph.requests.length = 0;
    graph.setUser(user(100, { displayName: 'Personne Cent' }));
    graph.setUser(user(200, { accountEnabled: false }));
    graph.setGroup('g-poste', 'IT-Support-Poste', [1, 2, 3, 6, 7, 8].map(guid));
    graph.setGroup('g-reseau', 'IT-Reseau', [5, 11, 12].map(guid));
    const summary = await syncDirectory(deps, admin, directory);
    expect(graph.requests.filter((r) => r.startsWith('GET /v1.0/users/delta')).every((r) => r.includes('$deltatoken='))).toBe(true);
    expect(summary).toMatchObject({ created: 0, updated: 1, deactivated: 1, membershipsAdded: 1, membershipsRemoved: 1 });
    const after = await people();
    const changed = [...after.keys()].filter((k) => after.get(k) !== before.get(k)).sort();
    expect(changed).toEqual([guid(5), guid(100), guid(200)].sort());
    expect((await person(100)).displayName).toBe('Personne Cent');
    expect((await person(200)).active).toBe(false);
    const reseau = (await t.uow.read.services.findBySlug('reseau'))!;
    expect(reseau.memberIds).toContain((await person(5)).id);
    expect(await services(5)).toBe(1);
    expect((await person(5)).role).toBe('technician');
    // The disabled account's token stops working; its person and tickets stay.
    await expect(authenticateToken(deps, token.token, 'api')).rejects.toMatchObject({ code: 'unauthenticated' });
    // Leaving every mapped group gives back the employee role the groups had raised.
    graph.setGroup('g-reseau', 'IT-Reseau', [11, 12].map(guid));
    await syncDirectory(deps, admin, directory);
    expect((await person(5)).role).toBe('employee');
    expect(await services(5)).toBe(0);
  });

  test('R6: two syncs at once never duplicate a person', async () => {
    const [a, b] = await Promise.all([syncDirectory(deps, admin, directory), syncDirectory(deps, admin, directory)]);
    expect(a.created + b.created).toBe(1000);
    const n = await sql().one<{ n: unknown }>('SELECT COUNT(*) AS n, COUNT(DISTINCT aad_object_id) AS d FROM people');
    expect(Number(n!.n)).toBe(1000);
    expect(Number((await sql().one<{ n: unknown }>('SELECT COUNT(*) AS n FROM directory_entries'))!.n)).toBe(1000);
  });
});
