import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Issue 2, "Done when": `npm start` serves /healthz on SQLite with no other step, stops cleanly on
 * SIGTERM, and a bad setting stops the start with one line naming it (R17).
 */
const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/helpdesk.js');

function run(args: string[], env: Record<string, string>, cwd: string) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => out, err: () => err };
}

async function waitFor<T>(what: string, f: () => T | undefined, ms = 60000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm start (R17)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-start-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('migrates the default SQLite file, answers /healthz 200, and exits 0 on SIGTERM', async () => {
    const p = run(['serve'], { PORT: '0' }, dir);
    const port = await waitFor('the listening line', () => {
      const m = /"port":(\d+)/.exec(p.out());
      return m ? Number(m[1]) : undefined;
    });
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(fs.existsSync(path.join(dir, 'data/helpdesk.sqlite'))).toBe(true);
    const doc = (await (await fetch(`http://127.0.0.1:${port}/api/v1/openapi.json`)).json()) as { openapi: string };
    expect(doc.openapi).toBe('3.1.0');
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.out()).toContain('helpdesk stopped');
  }, 90000);

  it.each([
    ['PORT', 'abc', 'PORT'],
    ['DATABASE_URL', 'postgres://x', 'DATABASE_URL'],
    ['HELPDESK_LOCALE', 'de', 'HELPDESK_LOCALE'],
    ['HELPDESK_TIMEZONE', 'Mars/Olympus', 'HELPDESK_TIMEZONE'],
    ['SLACK_BOT_TOKEN', 'xoxb-1', 'SLACK_SIGNING_SECRET'],
  ])('refuses to start when %s=%s, with one line naming %s', async (name, value, named) => {
    const p = run(['serve'], { PORT: '0', [name]: value }, dir);
    expect(await p.exited).toBe(1);
    const lines = p.err().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Invalid setting ${named}: .+`));
  }, 60000);

  it('refuses the unauthenticated Teams mode in production', async () => {
    const p = run(['serve'], { PORT: '0', NODE_ENV: 'production' }, dir);
    expect(await p.exited).toBe(1);
    expect(p.err()).toMatch(/^Invalid setting MICROSOFT_APP_ID: /);
  }, 60000);

  it('creates a token with `helpdesk token create`, printed alone on the last line', async () => {
    const p = run(['token', 'create', '--name', 'ci', '--role', 'admin'], {}, dir);
    expect(await p.exited).toBe(0);
    const last = p.out().trim().split('\n').pop()!;
    expect(last).toMatch(/^hd_[A-Za-z0-9_-]{32}$/);
    const bad = run(['token', 'create', '--name', 'x', '--role', 'employee'], {}, dir);
    expect(await bad.exited).toBe(1);
    expect(bad.err()).toContain('user');
  }, 60000);
});
