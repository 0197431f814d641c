import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Microsoft Graph and its Entra ID token endpoint: client-credentials tokens,
 * `/users/delta` with paging (`$skiptoken`) and a delta link (`$deltatoken` = position in the change
 * log), `/users/{id}/manager`, groups by name and their members (paged), the mailbox's inbox delta,
 * and a 429 with Retry-After on demand. Tests change the directory through `setUser`, `removeUser`, `setMembers`.
 */
export interface FakeUser {
  id: string;
  displayName: string;
  mail: string | null;
  userPrincipalName: string;
  department?: string | null;
  jobTitle?: string | null;
  mobilePhone?: string | null;
  preferredLanguage?: string | null;
  accountEnabled: boolean;
  managerId?: string | null;
}
export interface FakeGraphMail {
  id: string;
  raw: string;
}
export interface FakeGraph {
  url: string;
  apiUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  requests: string[];
  tokensIssued: number;
  throttled: number;
  pageSize: number;
  setUser(u: FakeUser): void;
  removeUser(id: string): void;
  setGroup(id: string, displayName: string, memberIds: string[]): void;
  /** The next request whose path starts with this answers 429 with Retry-After: 1. */
  throttleNext(pathPrefix: string): void;
  addMail(mailbox: string, m: FakeGraphMail): void;
  close(): Promise<void>;
}

export async function startFakeGraph(): Promise<FakeGraph> {
  const users = new Map<string, FakeUser>();
  /** Change log: each entry is the id of a user changed (or removed); a delta token is an index into it. */
  const log: Array<{ id: string; removed: boolean }> = [];
  const groups = new Map<string, { displayName: string; members: string[] }>();
  const mail = new Map<string, FakeGraphMail[]>();
  const throttle: string[] = [];
  const fake = {
    url: '', apiUrl: '', tenantId: 'tenant-1', clientId: 'graph-client', clientSecret: 'graph-secret',
    requests: [] as string[], tokensIssued: 0, throttled: 0, pageSize: 200,
  } as FakeGraph;
  const token = 'fake-graph-token';
  const json = (res: http.ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

  function userJson(u: FakeUser) {
    const { managerId: _m, ...rest } = u;
    return { department: null, jobTitle: null, mobilePhone: null, preferredLanguage: null, ...rest };
  }

  function delta(res: http.ServerResponse, q: URLSearchParams) {
    const base = `${fake.apiUrl}/users/delta`;
    let ids: Array<{ id: string; removed: boolean }>;
    const skip = q.get('$skiptoken');
    const dt = q.get('$deltatoken');
    // The skip token carries where the run started and how far its pages went: "from.offset".
    const [from, offset] = skip ? skip.split('.').map(Number) : [dt !== null ? Number(dt) : -1, 0];
    if (from < 0) ids = [...users.keys()].map((id) => ({ id, removed: false }));
    else {
      const seen = new Map<string, boolean>();
      for (const c of log.slice(from)) seen.set(c.id, c.removed);
      ids = [...seen].map(([id, removed]) => ({ id, removed }));
    }
    const page = ids.slice(offset, offset + fake.pageSize);
    const value = page.map(({ id, removed }) => (removed || !users.has(id) ? { id, '@removed': { reason: 'deleted' } } : userJson(users.get(id)!)));
    const more = offset + fake.pageSize < ids.length;
    json(res, 200, more ? { value, '@odata.nextLink': `${base}?$skiptoken=${from}.${offset + fake.pageSize}` } : { value, '@odata.deltaLink': `${base}?$deltatoken=${log.length}` });
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      const path = decodeURIComponent(u.pathname);
      fake.requests.push(`${req.method} ${path}${u.search}`);
      const t = throttle.findIndex((p) => path.startsWith(p));
      if (t >= 0) {
        throttle.splice(t, 1);
        fake.throttled++;
        return void res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' }).end('{"error":{"code":"TooManyRequests"}}');
      }
      // Entra ID: discovery and the client-credentials token.
      if (path.endsWith('/.well-known/openid-configuration')) {
        const t = path.split('/')[1];
        const login = 'https://login.microsoftonline.com';
        return json(res, 200, { token_endpoint: `${login}/${t}/oauth2/v2.0/token`, issuer: `${login}/${t}/v2.0`, authorization_endpoint: `${login}/${t}/oauth2/v2.0/authorize`, end_session_endpoint: `${login}/${t}/oauth2/v2.0/logout`, jwks_uri: `${login}/${t}/discovery/v2.0/keys` });
      }
      if (path.endsWith('/discovery/instance')) {
        return json(res, 200, { tenant_discovery_endpoint: `https://login.microsoftonline.com/${fake.tenantId}/v2.0/.well-known/openid-configuration`, metadata: [{ preferred_network: 'login.microsoftonline.com', preferred_cache: 'login.windows.net', aliases: ['login.microsoftonline.com', 'login.windows.net'] }] });
      }
      if (req.method === 'POST' && path === `/${fake.tenantId}/oauth2/v2.0/token`) {
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        if (form.get('client_id') !== fake.clientId || form.get('client_secret') !== fake.clientSecret || form.get('grant_type') !== 'client_credentials') {
          return json(res, 401, { error: 'invalid_client' });
        }
        fake.tokensIssued++;
        return json(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
      }
      if (req.headers.authorization !== `Bearer ${token}`) return json(res, 401, { error: { code: 'InvalidAuthenticationToken' } });
      const p = path.replace(/^\/v1\.0/, '');
      if (p === '/users/delta') return delta(res, u.searchParams);
      let m = /^\/users\/([^/]+)\/manager$/.exec(p);
      if (m) {
        const mgr = users.get(m[1])?.managerId;
        return mgr && users.has(mgr) ? json(res, 200, { '@odata.type': '#microsoft.graph.user', id: mgr }) : json(res, 404, { error: { code: 'Request_ResourceNotFound' } });
      }
      if (p === '/groups') {
        const f = /^displayName eq '(.*)'$/.exec(u.searchParams.get('$filter') ?? '');
        const name = f ? f[1].replace(/''/g, "'") : null;
        return json(res, 200, { value: [...groups].filter(([, g]) => g.displayName === name).map(([id, g]) => ({ id, displayName: g.displayName })) });
      }
      m = /^\/groups\/([^/]+)\/members$/.exec(p);
      if (m) {
        const g = groups.get(m[1]);
        if (!g) return json(res, 404, { error: { code: 'Request_ResourceNotFound' } });
        const offset = Number(u.searchParams.get('$skiptoken') ?? 0);
        const size = 100;
        const value = g.members.slice(offset, offset + size).map((id) => ({ '@odata.type': '#microsoft.graph.user', id }));
        const next = offset + size < g.members.length ? { '@odata.nextLink': `${fake.apiUrl}/groups/${m[1]}/members?$skiptoken=${offset + size}` } : {};
        return json(res, 200, { value, ...next });
      }
      m = /^\/users\/([^/]+)\/mailFolders\/inbox\/messages\/delta$/.exec(p);
      if (m) {
        const box = mail.get(m[1].toLowerCase()) ?? [];
        const from = Number(u.searchParams.get('$deltatoken') ?? 0);
        const value = box.slice(from).map((x) => ({ id: x.id }));
        return json(res, 200, { value, '@odata.deltaLink': `${fake.apiUrl}/users/${m[1]}/mailFolders/inbox/messages/delta?$deltatoken=${box.length}` });
      }
      m = /^\/users\/([^/]+)\/messages\/([^/]+)\/\$value$/.exec(p);
      if (m) {
        const found = (mail.get(m[1].toLowerCase()) ?? []).find((x) => x.id === m![2]);
        return found ? void res.writeHead(200, { 'content-type': 'text/plain' }).end(found.raw) : json(res, 404, { error: { code: 'ErrorItemNotFound' } });
      }
      json(res, 404, { error: { code: 'NotFound', path: p } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.apiUrl = `${fake.url}/v1.0`;
  fake.setUser = (x) => {
    users.set(x.id, { ...x });
    log.push({ id: x.id, removed: false });
  };
  fake.removeUser = (id) => {
    users.delete(id);
    log.push({ id, removed: true });
  };
  fake.setGroup = (id, displayName, memberIds) => void groups.set(id, { displayName, members: [...memberIds] });
  fake.throttleNext = (prefix) => void throttle.push(prefix);
  fake.addMail = (mailbox, x) => void mail.set(mailbox.toLowerCase(), [...(mail.get(mailbox.toLowerCase()) ?? []), x]);
  fake.close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return fake;
}
