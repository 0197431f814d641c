import { parseArgs } from 'node:util';
import type { Settings } from '../adapters/config/settings';
import { Actor, systemActor } from '../core/shared/actor';
import { HelpdeskError } from '../core/shared/errors';
import { errorMessage } from '../core/i18n/translate';
import { reportCommand, REPORT_USAGE } from './report';
import { backupCommand, restoreCommand, BACKUP_USAGE } from './backup';
import { gdprCommand, GDPR_USAGE } from './gdpr';
import { outboxCommand, OUTBOX_USAGE } from './outbox';
import { directoryCommand, DIRECTORY_USAGE } from './directory';
import { adminCommand } from './admin';
import { inboxCommand, INBOX_USAGE } from './inbox';

// Loaded when a command needs them, so `--help` and light commands do not load the server and its SDKs.
/* eslint-disable @typescript-eslint/no-require-imports */
const settingsModule = () => require('../adapters/config/settings') as typeof import('../adapters/config/settings');
const database = () => require('../adapters/sequelize/database') as typeof import('../adapters/sequelize/database');
const composition = () => require('../main') as typeof import('../main');
/* eslint-enable @typescript-eslint/no-require-imports */

const USAGE = `Usage: npx helpdesk <command>

  serve                                   start the server (same as npm start)
  migrate                                 apply pending database migrations
  demo [--seed N]                         load a demo French company (services, people, ~300 tickets)
  token create --name NAME --role ROLE [--user EMAIL]
                                          create a REST API bearer token (printed alone on the last line)
  token list                              list tokens (never their values)
  token revoke ID                         revoke a token
  admin create --email EMAIL --name NAME  the first admin (or make someone admin); then sign in as them
${REPORT_USAGE}
${BACKUP_USAGE}
${GDPR_USAGE}
${OUTBOX_USAGE}
${DIRECTORY_USAGE}
${INBOX_USAGE}

Settings come from the environment and .env (see README).`;

/** The operator at the shell acts with full rights, and the audit says "cli". */
const operator = (s: Settings): Actor => ({ ...systemActor(s.HELPDESK_LOCALE), channel: 'cli', name: 'cli' });

export async function run(argv: string[]): Promise<number> {
  require('dotenv').config({ quiet: true });
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  const settings = settingsModule().loadSettings();
  if (command === 'serve') {
    await composition().main();
    return 0;
  }
  const db = await database().openDatabase(settings.DATABASE_URL);
  try {
    if (command === 'migrate') {
      const ran = await db.migrate();
      process.stdout.write(ran.length ? `applied: ${ran.join(', ')}\n` : 'database is up to date\n');
      return 0;
    }
    if (command === 'restore') return await restoreCommand(db, rest, (s) => process.stdout.write(s), (s) => process.stderr.write(s));
    await db.migrate();
    if (command === 'backup') return await backupCommand(db, settings.HELPDESK_BACKUP_DIR, rest, new Date(), (s) => process.stdout.write(s));
    const { buildDeps, reportPosters, reportMailerFor } = composition();
    const deps = buildDeps(settings, db);
    const actor = operator(settings);
    if (command === 'demo') {
      const { values } = parseArgs({ args: rest, options: { seed: { type: 'string' } } });
      const { loadDemo } = require('./demo') as typeof import('./demo'); // eslint-disable-line @typescript-eslint/no-require-imports
      const summary = await loadDemo(deps, actor, { seed: values.seed ? Number(values.seed) : 42 });
      process.stdout.write(`${summary}\n`);
      return 0;
    }
    if (command === 'token') return await tokenCommand(deps, actor, rest);
    if (command === 'admin') return await adminCommand(deps, actor, rest, (s) => process.stdout.write(s), (s) => process.stderr.write(s));
    if (command === 'outbox') return await outboxCommand(deps, actor, rest, (s) => process.stdout.write(s), (s) => process.stderr.write(s));
    if (command === 'directory') return await directoryCommand(settings, deps, actor, rest, (s) => process.stdout.write(s), (s) => process.stderr.write(s));
    if (command === 'inbox') return await inboxCommand(deps, actor, rest, (s) => process.stdout.write(s), (s) => process.stderr.write(s));
    if (command === 'gdpr') return await gdprCommand(deps, actor, rest, (s) => process.stdout.write(s), (s) => process.stderr.write(s));
    if (command === 'report') {
      const delivery = { posters: reportPosters(settings, db.uow.read), mailer: reportMailerFor(settings), publicUrl: settings.PUBLIC_URL };
      return await reportCommand(deps, actor, settings.HELPDESK_TIMEZONE, rest, (s) => process.stdout.write(s), delivery);
    }
    process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
    return 2;
  } catch (e) {
    if (e instanceof HelpdeskError) {
      process.stderr.write(`${errorMessage(settings.HELPDESK_LOCALE, e)}\n`);
      return 1;
    }
    throw e;
  } finally {
    await db.close();
  }
}

async function tokenCommand(deps: import('../core/shared/deps').CoreDeps, op: Actor, args: string[]): Promise<number> {
  const { createToken, revokeToken } = require('../core/people/create-token.service') as typeof import('../core/people/create-token.service'); // eslint-disable-line @typescript-eslint/no-require-imports
  const [sub, ...rest] = args;
  if (sub === 'create') {
    const { values } = parseArgs({ args: rest, options: { name: { type: 'string' }, role: { type: 'string' }, user: { type: 'string' } } });
    const { id, token } = await createToken(deps, op, { name: values.name ?? '', role: values.role as never, user: values.user });
    process.stdout.write(`token ${id} created for role ${values.role}${values.user ? ` as ${values.user}` : ''}; it is shown only once:\n${token}\n`);
    return 0;
  }
  if (sub === 'list') {
    for (const t of await deps.uow.read.tokens.list()) {
      process.stdout.write(`${t.id}\t${t.name}\t${t.role}\t${t.personId ?? '-'}\t${t.revokedAt ? 'revoked' : 'active'}\n`);
    }
    return 0;
  }
  if (sub === 'revoke' && /^\d+$/.test(rest[0] ?? '')) {
    await revokeToken(deps, op, Number(rest[0]));
    process.stdout.write(`token ${rest[0]} revoked\n`);
    return 0;
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}
