import path from 'node:path';

export type ConnectionTarget =
  | { dialect: 'sqlite'; storage: ':memory:' }
  | { dialect: 'sqlite'; storage: string }
  | { dialect: 'mysql'; host: string; port: number; user: string; password: string; database: string };

const HOW_TO =
  'use sqlite:data/helpdesk.sqlite (a file, relative to the working directory), sqlite::memory: ' +
  'or mysql://user:password@host:3306/database';

/** Fails at start with a message saying how to fix the URL, instead of a driver error later. */
export function parseDatabaseUrl(url: string, cwd = process.cwd()): ConnectionTarget {
  const raw = url.trim();
  if (raw.startsWith('sqlite:')) {
    let file = raw.slice('sqlite:'.length);
    if (file === ':memory:' || file === '//:memory:') return { dialect: 'sqlite', storage: ':memory:' };
    // sqlite:///abs/path and sqlite://rel/path are common spellings of the same thing.
    if (file.startsWith('//')) file = file.slice(2);
    if (!file) throw new Error(`Invalid database URL "${url}": the SQLite file is missing; ${HOW_TO}.`);
    return { dialect: 'sqlite', storage: path.resolve(cwd, file) };
  }
  if (raw.startsWith('mysql://') || raw.startsWith('mariadb://')) {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      throw new Error(`Invalid database URL: it cannot be parsed; ${HOW_TO}.`);
    }
    const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
    if (!u.hostname || !database || !u.username) {
      throw new Error(`Invalid database URL: a user, a host and a database name are required; ${HOW_TO}.`);
    }
    return {
      dialect: 'mysql',
      host: u.hostname,
      port: u.port ? Number(u.port) : 3306,
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      database,
    };
  }
  // The URL itself may hold a password: name only its scheme.
  const scheme = raw.split(':')[0] || '(none)';
  throw new Error(`Unsupported database URL scheme "${scheme}"; ${HOW_TO}.`);
}
