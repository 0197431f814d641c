import { parseArgs } from 'node:util';
import { ticketQueueBench } from './ticket-queue.bench';
import { table } from './stats';

/**
 * `npm run bench [-- --sizes 100000,1000000]`: benchmarks on MariaDB (BENCH_MYSQL_URL, default
 * mysql://root@127.0.0.1:3306/helpdesk_bench, dropped and recreated). Figures, not pass/fail.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { sizes: { type: 'string' } } });
  const url = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/helpdesk_bench';
  const sizes = (values.sizes ?? '100000,1000000').split(',').map(Number).filter((n) => n > 0);
  const log = (s: string) => process.stdout.write(s + '\n');
  const rows: Array<Record<string, string | number>> = [];
  for (const size of sizes) {
    log(`ticket queue bench at ${size} tickets on ${url.replace(/\/\/[^@]*@/, '//')}`);
    rows.push(...(await ticketQueueBench(url, size, log)));
  }
  log('\n' + table(rows));
  log('\nTargets (issue 2): p95 under 50 ms and at most 5 SQL queries per request at 1M tickets.');
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
