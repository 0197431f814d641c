import { openDatabase } from '../adapters/sequelize/database';

/** A deterministic PRNG (mulberry32), so every benchmark seeds the same data run after run. */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Drops and recreates a benchmark database; refuses names that are not plain identifiers. */
export async function recreateDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.replace(/^\//, '');
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unexpected bench database name ${name}`);
  u.pathname = '/mysql';
  const admin = await openDatabase(u.toString(), { poolMax: 1 });
  await admin.sequelize.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.sequelize.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.close();
}
