import { loadSettings } from '../../adapters/config/settings';
import { startServer, Running } from '../../main';
import { openTestDb, TestDb } from './db';
import { createToken } from '../../core/people/create-token.service';
import { createPerson } from '../../core/people/manage-people.service';
import { systemActor, Role } from '../../core/shared/actor';
import type { Clock } from '../../core/shared/clock.port';
import type { NotificationsOptions } from '../../adapters/notify/notifications';

/** A real server on 127.0.0.1 over a test database, driven through its HTTP routes like any client. */
export interface TestServer {
  t: TestDb;
  running: Running;
  url: string;
  /** Creates a person (when an e-mail is given) and a bearer token acting as them. */
  token(role: Role, person?: { email: string; name?: string; services?: string[] }): Promise<string>;
  call(method: string, path: string, token: string | null, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; raw: string; headers: Headers }>;
  close(): Promise<void>;
}

const operator = { ...systemActor('en'), channel: 'cli' as const, name: 'test operator' };

export async function startTestServer(dbName: 'sqlite' | 'mariadb', opts: { clock?: Clock; env?: Record<string, string>; notifications?: NotificationsOptions; inbox?: NonNullable<Parameters<typeof startServer>[1]>['inbox']; traceSql?: boolean } = {}): Promise<TestServer> {
  const t = await openTestDb(dbName);
  const settings = loadSettings({ PORT: '0', HELPDESK_LOCALE: 'en', LOG_LEVEL: 'silent', ...opts.env });
  // No outbox polling nor cron timers unless a test asks: commits still wake the sender at once.
  const running = await startServer(settings, { db: t.db, quiet: true, clock: opts.clock, notifications: { timers: false, ...opts.notifications }, inbox: opts.inbox, traceSql: opts.traceSql });
  // A message still being settled must not race a test's wipe of the database.
  const wipe = t.reset;
  t.reset = async () => {
    await running.inbox.idle();
    await running.notifications.worker.idle();
    await wipe();
  };
  let n = 0;
  return {
    t,
    running,
    url: running.url,
    async token(role, person) {
      let user: number | undefined;
      if (person) {
        const p = await createPerson(running.deps, operator, { displayName: person.name ?? person.email, email: person.email, role, services: person.services });
        user = p.id;
      }
      return (await createToken(running.deps, operator, { name: `test-${++n}`, role, user })).token;
    },
    async call(method, path, token, body, headers = {}) {
      const res = await fetch(running.url + path, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const raw = await res.text();
      let parsed: unknown = raw;
      try {
        parsed = raw ? JSON.parse(raw) : null;
      } catch {
        /* keep the raw text for the assertion message */
      }
      return { status: res.status, body: parsed, raw, headers: res.headers };
    },
    async close() {
      await running.close();
      await t.close();
    },
  };
}
