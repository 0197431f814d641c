import type { Sql } from '../sql';

/** Scheduler leases: one row per (job, fire time); the primary key lets one instance take it. */
export class SqlLeaseRepository {
  constructor(private readonly sql: Sql) {}

  async take(job: string, fireAt: Date, owner: string, at: Date): Promise<boolean> {
    // Insert-or-ignore, so the loser learns it lost without an error aborting its transaction.
    const insert = this.sql.insertIgnoreSql('job_leases', ['job_name', 'fire_at', 'owner', 'created_at'], ['job_name', 'fire_at']);
    return (await this.sql.run(insert, [job, fireAt, owner, at])) === 1;
  }

  async finish(job: string, fireAt: Date, error: string | null, at: Date): Promise<void> {
    await this.sql.run('UPDATE job_leases SET finished_at = ?, error = ? WHERE job_name = ? AND fire_at = ?', [at, error === null ? null : error.slice(0, 500), job, fireAt]);
  }
}
