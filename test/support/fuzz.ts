import type { TestServer } from './server';

/** A deterministic PRNG (mulberry32): a fuzz run that fails can be replayed exactly. */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Row counts of the given tables, to prove a barrage of refused requests wrote nothing. */
export async function rowCounts(s: TestServer, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const [rows] = await s.t.db.sequelize.query(`SELECT COUNT(*) AS n FROM ${t}`);
    out[t] = Number((rows as Array<{ n: number | string }>)[0].n);
  }
  return out;
}
