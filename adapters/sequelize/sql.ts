import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { configCacheOf, configTableWritten, readsConfigOnly } from './config-cache';

export type Dialect = 'sqlite' | 'mysql';
export type Row = Record<string, unknown>;

/** Runs `fn` alone; what the database cannot interleave is queued here instead. */
export interface Lock {
  run<T>(fn: () => Promise<T>): Promise<T>;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * Dates are formatted here rather than by Sequelize: its replacement escaping drops the milliseconds
 * on MySQL (DATETIME(3) columns), and on SQLite the text form must be the one Sequelize's models
 * write so that string comparison and ORDER BY stay chronological.
 */
export function formatDate(d: Date, dialect: Dialect): string {
  if (Number.isNaN(d.getTime())) throw new Error('Invalid Date given to the database');
  const s =
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
  return dialect === 'sqlite' ? `${s} +00:00` : s;
}

function toParam(v: unknown, dialect: Dialect): unknown {
  if (v instanceof Date) return formatDate(v, dialect);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (Array.isArray(v)) return v.map((x) => toParam(x, dialect));
  if (v === undefined) return null;
  // SQLite ends a statement's text at a NUL ("unrecognized token"); no person means one in text.
  if (typeof v === 'string' && v.includes('\u0000')) return v.replace(/\u0000/g, '');
  return v;
}

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** SQLite gives text, mysql2 gives Date (or text with dateStrings): both become a Date in UTC. */
export function toDate(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === 'number') return new Date(v);
  if (typeof v === 'string') {
    const m = DATE_TEXT.exec(v.trim());
    if (m) {
      const ms = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
      let t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms);
      const tz = m[8];
      if (tz && tz !== 'Z') {
        const sign = tz.startsWith('-') ? -1 : 1;
        const digits = tz.slice(1).replace(':', '');
        t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
      }
      return new Date(t);
    }
    const parsed = new Date(v);
    if (!Number.isNaN(parsed.getTime())) return parsed;
  }
  throw new Error(`Not a date from the database: ${String(v)}`);
}
export const toDateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : toDate(v));
/** SQLite stores 0/1, MySQL BOOLEAN is TINYINT(1); either may arrive as number, string or bigint. */
export const toBool = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 1n;
export const toInt = (v: unknown): number => {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`Not an integer from the database: ${String(v)}`);
  return n;
};
export const toIntOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : toInt(v));
export const toStrOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** `?, ?, ?` for an IN list; callers never pass an empty list (that is not valid SQL). */
export const marks = (n: number) => {
  if (n < 1) throw new Error('An IN list needs at least one value');
  return new Array(n).fill('?').join(', ');
};

/**
 * The only way repositories talk to the database: raw SQL with positional replacements, bound to one
 * transaction (or none). Passing the transaction explicitly, never through CLS, keeps every statement
 * of a unit of work visibly inside it.
 */
export class Sql {
  constructor(
    readonly sequelize: Sequelize,
    readonly dialect: Dialect,
    private readonly transaction: Transaction | null,
    /** SQLite writes outside a transaction queue behind open transactions (see unit-of-work.ts). */
    private readonly writeLock: Lock | null = null,
  ) {}

  private options(type: QueryTypes, params: unknown[]) {
    return {
      type,
      raw: true,
      replacements: params.length ? (params.map((p) => toParam(p, this.dialect)) as unknown[]) : undefined,
      transaction: this.transaction ?? undefined,
    };
  }

  async select<R = Row>(sql: string, params: unknown[] = []): Promise<R[]> {
    const load = async () => (await this.sequelize.query(sql, this.options(QueryTypes.SELECT, params) as never)) as unknown as R[];
    const cache = configCacheOf(this.sequelize);
    if (!cache || !readsConfigOnly(sql)) return load();
    const key = `${sql}\u0000${JSON.stringify(params.map((p) => toParam(p, this.dialect)))}`;
    return (await cache.select(sql, key, this.transaction, load)) as R[];
  }

  async one<R = Row>(sql: string, params: unknown[] = []): Promise<R | null> {
    const rows = await this.select<R>(sql, params);
    return rows[0] ?? null;
  }

  /** Returns the generated id. */
  async insert(sql: string, params: unknown[] = []): Promise<number> {
    return this.write(async () => {
      const [id] = (await this.sequelize.query(sql, this.options(QueryTypes.INSERT, params) as never)) as unknown as [unknown, number];
      return toInt(id);
    }, sql);
  }

  /** UPDATE, DELETE or an INSERT whose id is not needed; returns the number of rows changed. */
  async run(sql: string, params: unknown[] = []): Promise<number> {
    return this.write(async () => {
      const type = /^\s*delete/i.test(sql) ? QueryTypes.BULKDELETE : QueryTypes.UPDATE;
      const res = (await this.sequelize.query(sql, this.options(type, params) as never)) as unknown;
      return toInt(Array.isArray(res) ? res[1] : res);
    }, sql);
  }

  private write<T>(fn: () => Promise<T>, sql: string): Promise<T> {
    const table = configTableWritten(sql);
    const cache = table ? configCacheOf(this.sequelize) : undefined;
    const run = async () => {
      const out = await fn();
      if (cache) {
        await cache.wrote(this.transaction, () =>
          this.sequelize.query('UPDATE config_version SET version = version + 1 WHERE id = 1', { type: QueryTypes.UPDATE, transaction: this.transaction ?? undefined }),
        );
      }
      return out;
    };
    return this.writeLock ? this.writeLock.run(run) : run();
  }

  /** Identifier quoting: backticks are accepted by both MySQL and SQLite. */
  static id(name: string): string {
    return '`' + name.replace(/`/g, '``') + '`';
  }

  /** Insert that keeps the existing row on a key clash (idempotent adds of members, watchers...). */
  insertIgnoreSql(table: string, cols: string[], conflictCols: string[]): string {
    const head = `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${marks(cols.length)})`;
    return this.dialect === 'mysql'
      ? `${head} ON DUPLICATE KEY UPDATE ${conflictCols[0]} = ${conflictCols[0]}`
      : `${head} ON CONFLICT (${conflictCols.join(', ')}) DO NOTHING`;
  }
}

/**
 * `col = ?` pairs for the defined keys of a patch. Only keys of the column map are accepted, so a
 * field name can never reach the SQL text unchecked.
 */
export function setClause(patch: object, columns: Record<string, string>, what: string): { sets: string[]; params: unknown[] } {
  const sets: string[] = [];
  const params: unknown[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const column = Object.prototype.hasOwnProperty.call(columns, key) ? columns[key] : undefined;
    if (!column) throw new Error(`${what} field "${key}" cannot be changed`);
    sets.push(`${column} = ?`);
    params.push(value);
  }
  return { sets, params };
}
