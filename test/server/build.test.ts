import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The build (R17, R20): `npm install` compiles once to dist/ and every command runs the compiled
 * JavaScript: no TypeScript is transpiled at run time, a command loads only what it uses, and a
 * channel's SDK (Slack, Teams, Twilio, mail, OIDC) is loaded only when that channel is configured.
 */
const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/helpdesk.js');
const PRELOAD = path.join(ROOT, 'test/support/loaded-modules.js');
const CHANNEL_SDKS = ['@slack/bolt', '@slack/web-api', '@microsoft/agents-hosting', 'twilio', 'nodemailer', 'openid-client'];

interface Loaded { packages: string[]; typescript: boolean }

function run(args: string[], env: Record<string, string>, cwd: string, untilListening = false) {
  const out = path.join(cwd, `loaded-${Math.random().toString(36).slice(2)}.json`);
  const child = spawn(process.execPath, ['-r', PRELOAD, BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), LOADED_MODULES_OUT: out, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (d) => {
    stdout += d;
    const m = /"port":(\d+)/.exec(stdout);
    if (untilListening && m) {
      // Wait for the first answer: what a request needs is loaded too, then stop.
      fetch(`http://127.0.0.1:${m[1]}/healthz`).finally(() => child.kill('SIGTERM'));
      untilListening = false;
    }
  });
  return new Promise<{ code: number | null; stdout: string; loaded: Loaded }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, loaded: JSON.parse(fs.readFileSync(out, 'utf8')) as Loaded })),
  );
}

describe('the compiled build (R17, R20)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-build-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs dist/ and compiles no TypeScript for --help, loading neither the database layer nor any SDK', async () => {
    const r = await run(['--help'], {}, dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: npx helpdesk');
    expect(r.loaded.typescript).toBe(false);
    for (const heavy of ['sequelize', 'express', ...CHANNEL_SDKS]) expect(r.loaded.packages).not.toContain(heavy);
  }, 60000);

  it('serves without loading the SDK of a channel that is not configured, and without TypeScript', async () => {
    const r = await run(['serve'], { PORT: '0', DATABASE_URL: `sqlite:${path.join(dir, 'h.sqlite')}` }, dir, true);
    expect(r.code).toBe(0);
    expect(r.loaded.typescript).toBe(false);
    expect(r.loaded.packages).toEqual(expect.arrayContaining(['express', 'sequelize']));
    for (const sdk of CHANNEL_SDKS) expect(r.loaded.packages).not.toContain(sdk);
  }, 90000);

  it('loads the Slack SDK once Slack is configured', async () => {
    const r = await run(['serve'], { PORT: '0', DATABASE_URL: `sqlite:${path.join(dir, 'h.sqlite')}`, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'http://127.0.0.1:9/' }, dir, true);
    expect(r.code).toBe(0);
    expect(r.loaded.packages).toContain('@slack/bolt');
  }, 90000);
});
