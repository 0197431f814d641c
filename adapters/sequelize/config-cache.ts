import type { Sequelize, Transaction } from 'sequelize';
import { QueryTypes } from 'sequelize';

/**
 * Configuration held in memory (R20: a create must not re-read settings, SLA policies, calendars,
 * routing rules and channel bindings). Transparent to the repositories: `Sql` answers a SELECT that
 * reads configuration tables only from here, and any write to one of them bumps `config_version` in
 * the same transaction and empties this instance's cache at commit. Other instances (another
 * process, the CLI on the same SQLite file) notice the bumped number within POLL_MS.
 */
export const CONFIG_TABLES = new Set([
  'settings', 'sla_policies', 'service_routing', 'routing_rules', 'categories', 'services', 'channel_bindings', 'service_intake',
]);
const POLL_MS = 250;
const MAX_ENTRIES = 500;

const FROM_TABLES = /\b(?:FROM|JOIN)\s+`?(\w+)`?/gi;
const WRITE_TABLE = /^\s*(?:INSERT\s+(?:IGNORE\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+`?(\w+)`?/i;

/** The configuration table a statement writes, if any. */
export function configTableWritten(sql: string): string | null {
  const m = WRITE_TABLE.exec(sql);
  return m && CONFIG_TABLES.has(m[1].toLowerCase()) ? m[1].toLowerCase() : null;
}

/** True when a SELECT reads configuration tables and nothing else (and takes no lock). */
export function readsConfigOnly(sql: string): boolean {
  if (!/^\s*SELECT\b/i.test(sql) || /\bFOR\s+UPDATE\b|\bLOCK\s+IN\b/i.test(sql)) return false;
  let found = false;
  for (const m of sql.matchAll(FROM_TABLES)) {
    if (!CONFIG_TABLES.has(m[1].toLowerCase())) return false;
    found = true;
  }
  return found;
}

export class ConfigCache {
  private readonly entries = new Map<string, unknown[]>();
  /** Moves at every invalidation: a read that started before one must not fill the cache after it. */
  private generation = 0;
  private seenVersion: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Transactions that wrote configuration: they read their own writes, and fill nothing. */
  private readonly dirty = new WeakSet<Transaction>();

  constructor(private readonly sequelize: Sequelize) {}

  async select(sql: string, key: string, tx: Transaction | null, load: () => Promise<unknown[]>): Promise<unknown[]> {
    if (tx && this.dirty.has(tx)) return load();
    const hit = this.entries.get(key);
    if (hit) return hit.map((r) => ({ ...(r as object) }));
    const generation = this.generation;
    const rows = await load();
    if (generation === this.generation && !(tx && this.dirty.has(tx))) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, rows.map((r) => ({ ...(r as object) })));
    }
    return rows;
  }

  /** After a write to a configuration table: bump the shared number with it, forget at once and at commit. */
  async wrote(tx: Transaction | null, bump: () => Promise<unknown>): Promise<void> {
    this.invalidate();
    if (tx) {
      if (!this.dirty.has(tx)) {
        this.dirty.add(tx);
        await bump();
        tx.afterCommit(() => this.invalidate());
      }
      return;
    }
    await bump();
    this.invalidate();
  }

  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  /** Watches config_version for changes made by other instances. */
  startPolling(): void {
    if (this.timer) return;
    const tick = async () => {
      try {
        const rows = await this.sequelize.query<{ version: unknown }>('SELECT version FROM config_version WHERE id = 1', { type: QueryTypes.SELECT, raw: true, logging: false });
        const v = rows.length ? Number(rows[0].version) : null;
        // The first look too: what was read before it may predate a change it already counts.
        if (v !== this.seenVersion || v === null) {
          this.invalidate();
          this.seenVersion = v;
        }
      } catch {
        this.invalidate(); // the table is missing (not migrated yet) or the database is away: cache nothing stale
      }
    };
    const loop = () => {
      this.timer = setTimeout(() => void tick().finally(() => this.timer && loop()), POLL_MS);
      this.timer.unref();
    };
    loop();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

const caches = new WeakMap<Sequelize, ConfigCache>();

export function registerConfigCache(sequelize: Sequelize): ConfigCache {
  const c = new ConfigCache(sequelize);
  caches.set(sequelize, c);
  return c;
}

export const configCacheOf = (sequelize: Sequelize): ConfigCache | undefined => caches.get(sequelize);
