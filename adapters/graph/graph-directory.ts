import type { DirectoryPort, DirectoryUser } from '../../core/directory/directory.port';
import { GraphError, type GraphSession } from './graph-session';

const USER_FIELDS = 'id,displayName,mail,userPrincipalName,department,jobTitle,mobilePhone,preferredLanguage,accountEnabled';
const FIRST_DELTA = `users/delta?$select=${USER_FIELDS}`;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Page = { value?: Array<Record<string, unknown>>; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };

function toUser(raw: Record<string, unknown>): DirectoryUser {
  const u: DirectoryUser = { objectId: String(raw.id) };
  if (raw['@removed']) u.removed = true;
  for (const k of ['displayName', 'mail', 'userPrincipalName', 'department', 'jobTitle', 'mobilePhone', 'preferredLanguage'] as const) {
    if (k in raw) u[k] = raw[k] === null ? null : String(raw[k]);
  }
  if ('accountEnabled' in raw) u.accountEnabled = raw.accountEnabled === null ? null : raw.accountEnabled === true;
  return u;
}

/** The directory port over Graph: `/users/delta` pages, `/users/{id}/manager`, groups and members. */
export class GraphDirectory implements DirectoryPort {
  constructor(private readonly graph: GraphSession) {}

  async usersDelta(deltaLink: string | null): Promise<{ users: DirectoryUser[]; deltaLink: string }> {
    try {
      return await this.walk(deltaLink ?? FIRST_DELTA);
    } catch (e) {
      // An expired delta token (410 Gone) means start over with a full read.
      if (deltaLink && e instanceof GraphError && e.status === 410) return this.walk(FIRST_DELTA);
      throw e;
    }
  }

  private async walk(start: string): Promise<{ users: DirectoryUser[]; deltaLink: string }> {
    const users: DirectoryUser[] = [];
    let link: string | undefined = start;
    for (let pages = 0; link; pages++) {
      if (pages > 100_000) throw new Error('graph: /users/delta never ends');
      const page: Page = await this.graph.get<Page>(link);
      for (const raw of page.value ?? []) if (raw.id) users.push(toUser(raw));
      if (page['@odata.deltaLink']) return { users, deltaLink: page['@odata.deltaLink'] };
      link = page['@odata.nextLink'];
    }
    throw new Error('graph: /users/delta ended without a delta link');
  }

  async managerOf(objectId: string): Promise<string | null> {
    try {
      const m = await this.graph.get<{ id?: string }>(`users/${encodeURIComponent(objectId)}/manager?$select=id`);
      return m.id ?? null;
    } catch (e) {
      if (e instanceof GraphError && e.status === 404) return null;
      throw e;
    }
  }

  async findGroup(ref: string): Promise<{ id: string; displayName: string } | null> {
    if (GUID.test(ref)) {
      try {
        const g = await this.graph.get<{ id: string; displayName: string }>(`groups/${ref}?$select=id,displayName`);
        return { id: g.id, displayName: g.displayName };
      } catch (e) {
        if (e instanceof GraphError && e.status === 404) return null;
        throw e;
      }
    }
    const filter = encodeURIComponent(`displayName eq '${ref.replace(/'/g, "''")}'`);
    const page = await this.graph.get<Page>(`groups?$filter=${filter}&$select=id,displayName`);
    const g = page.value?.[0];
    return g ? { id: String(g.id), displayName: String(g.displayName) } : null;
  }

  async groupMembers(groupId: string): Promise<string[]> {
    const ids: string[] = [];
    let link: string | undefined = `groups/${encodeURIComponent(groupId)}/members?$select=id&$top=999`;
    while (link) {
      const page: Page = await this.graph.get<Page>(link);
      for (const m of page.value ?? []) {
        const type = String(m['@odata.type'] ?? '#microsoft.graph.user');
        if (m.id && type === '#microsoft.graph.user') ids.push(String(m.id));
      }
      link = page['@odata.nextLink'];
    }
    return ids;
  }
}
