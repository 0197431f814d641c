import { parseArgs } from 'node:util';
import { ticketQueueBench } from './ticket-queue.bench';
import { kbSearchBench } from './kb-search.bench';
import { reportBench } from './report.bench';
import { slackBurstBench } from './slack-burst.bench';
import { teamsBurstBench } from './teams-burst.bench';
import { slaSweepBench } from './sla.bench';
import { outboxBench } from './outbox.bench';
import { createBench } from './create.bench';
import { table } from './stats';

/**
 * `npm run bench [-- --only queue|kb|report|slack|teams|sla] [--sizes 100000,1000000] [--rate N --seconds N --kill-at N]`: benchmarks on MariaDB
 * (BENCH_MYSQL_URL, default mysql://root@127.0.0.1:3306/helpdesk_bench, dropped and recreated).
 * Figures, not pass/fail. Without --only, all of them run (about ten minutes).
 */
const BENCHES = ['queue', 'kb', 'report', 'slack', 'teams', 'sla', 'outbox', 'create'] as const;

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { sizes: { type: 'string' }, only: { type: 'string' }, rate: { type: 'string' }, seconds: { type: 'string' }, count: { type: 'string' }, 'kill-at': { type: 'string' }, requests: { type: 'string' }, clients: { type: 'string' } } });
  const url = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/helpdesk_bench';
  const sizes = (values.sizes ?? '100000,1000000').split(',').map(Number).filter((n) => n > 0);
  const only = values.only?.split(',') ?? [...BENCHES];
  const unknown = only.filter((o) => !(BENCHES as readonly string[]).includes(o));
  if (unknown.length) throw new Error(`--only takes ${BENCHES.join(', ')}; not ${unknown.join(', ')}`);
  const log = (s: string) => process.stdout.write(s + '\n');
  if (only.includes('queue')) {
    const rows: Array<Record<string, string | number>> = [];
    for (const size of sizes) {
      log(`ticket queue bench at ${size} tickets on ${url.replace(/\/\/[^@]*@/, '//')}`);
      rows.push(...(await ticketQueueBench(url, size, log, { requests: values.requests ? Number(values.requests) : undefined })));
    }
    log('\n' + table(rows));
    log('\nTargets (issue 2): p95 under 50 ms and at most 5 SQL queries per request at 1M tickets (the request\'s own, with the minute jobs running: their statements are counted apart).');
  }
  if (only.includes('kb')) {
    log('\nknowledge-base search bench at 10000 articles');
    log('\n' + table(await kbSearchBench(url, 10000, log)));
    log('\nTarget (issue 8): search p95 under 20 ms over 10,000 articles.');
  }
  if (only.includes('report')) {
    // The manager reports use their own database (seeded once, then reused).
    const reportUrl = process.env.BENCH_REPORTS_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/helpdesk_bench_reports';
    log('\nreport bench at 1000000 tickets');
    log('\n' + table(await reportBench(reportUrl, 1_000_000, log)));
    log('\nTarget (issue 7): weekly and monthly reports under 2 s each at 1M tickets.');
  }
  if (only.includes('slack')) {
    const o = burstOptions(values, 300, log);
    log(`\nSlack Monday-morning burst: ${o.rate} signed slash commands per second for ${o.seconds} s`);
    log('\n' + table(await slackBurstBench(url, o)));
    log('\nTargets: ack p99 under 250 ms, 0 non-200, every input done exactly once, all done within 60 s after the burst, peak RSS under 300 MB; with the SIGKILL: acknowledged = done, 0 duplicates.');
  }
  if (only.includes('teams')) {
    const o = burstOptions(values, 100, log);
    log(`\nTeams burst: ${o.rate} activities (report forms) per second for ${o.seconds} s`);
    log('\n' + table(await teamsBurstBench(url, o)));
    log('\nTargets: as for Slack.');
  }
  if (only.includes('sla')) {
    // Its own database: 100k open tickets seeded with their SLA state (bench/sla.bench.ts).
    const slaUrl = process.env.BENCH_SLA_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/helpdesk_bench_sla';
    log('\nSLA sweep bench at 100000 open tickets');
    log('\n' + table(await slaSweepBench(slaUrl, 100_000, log)));
    log('\nTarget (issue 6): one sweep over 100k open tickets under 2 s, with a bounded number of queries.');
  }
  if (only.includes('create')) await createMain(values, log);
  if (only.includes('outbox')) {
    // Its own database (issue 5): outbox rows written, then sent to a local HTTP peer.
    const outboxUrl = process.env.BENCH_OUTBOX_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/helpdesk_bench_outbox';
    const count = Number(values.count ?? 5000);
    log(`\noutbox bench: ${count} notifications`);
    log('\n' + table(await outboxBench(outboxUrl, count, log)));
    log('\nFigure (issue 5): notifications per second to a local peer, beside the raw INSERT/UPDATE cost.');
  }
}

/** --rate, --seconds and --kill-at (0: no SIGKILL run) shorten a burst for a quick check. */
function burstOptions(values: Record<string, string | boolean | undefined>, rate: number, log: (s: string) => void) {
  const seconds = Number(values.seconds ?? 30);
  return { rate: Number(values.rate ?? rate), seconds, killAt: Number(values['kill-at'] ?? Math.floor(seconds / 2)), log };
}

async function createMain(values: { seconds?: string; clients?: string }, log: (s: string) => void): Promise<void> {
  // Its own database (dropped and recreated): BENCH_CREATE_MYSQL_URL, else BENCH_MYSQL_URL's name + _create.
  const base = new URL(process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/helpdesk_bench');
  base.pathname = `${base.pathname}_create`;
  const url = process.env.BENCH_CREATE_MYSQL_URL ?? base.toString();
  const seconds = Number(values.seconds ?? 20);
  const clients = Number(values.clients ?? 8);
  log(`\nREST create: ${clients} keep-alive clients for ${seconds} s each, beside the raw mysql2 transaction`);
  log('\n' + table(await createBench(url, { seconds, clients }, log)));
  log('\nTargets (issue 14): one process >= 40% of raw; two processes >= 50% and >= 480 tickets/s; SQLite 8 clients >= 1 client; RSS idle <= 150 MB, loaded <= 300 MB.');
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
