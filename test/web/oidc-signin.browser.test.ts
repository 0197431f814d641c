import { spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../adapters/sequelize/database';
import { createPerson } from '../../core/people/manage-people.service';
import { systemActor } from '../../core/shared/actor';
import { buildDeps } from '../../main';
import { loadSettings } from '../../adapters/config/settings';
import { startOidcPeer, OidcPeer } from '../support/oidc-peer';
import { launchChromium, shot, TestBrowser } from './browser';

/**
 * Issue 9 sign-in: a real OpenID Connect authorization-code flow (PKCE, state, nonce) against a local
 * provider, the person matched by e-mail. openid-client is ESM-only, so the server runs as `npm start`
 * does, in its own process, over a SQLite file prepared here.
 */
const ROOT = path.resolve(__dirname, '../..');

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });

describe('OpenID Connect sign-in (Entra ID)', () => {
  let dir: string;
  let peer: OidcPeer;
  let server: ChildProcess;
  let b: TestBrowser;
  let base: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-oidc-'));
    const dbUrl = `sqlite:${path.join(dir, 'helpdesk.sqlite')}`;
    const db = await openDatabase(dbUrl);
    await db.migrate();
    const deps = buildDeps(loadSettings({ DATABASE_URL: dbUrl }), db);
    await createPerson(deps, { ...systemActor('en'), channel: 'cli', name: 'test' }, { displayName: 'Olga Martin', email: 'olga@example.com', role: 'employee', locale: 'en' });
    await db.close();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    peer = await startOidcPeer(`${base}/signin/callback`);
    server = spawn(process.execPath, [path.join(ROOT, 'bin/helpdesk.js'), 'serve'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: dir, DATABASE_URL: dbUrl, PORT: String(port), PUBLIC_URL: base, LOG_LEVEL: 'warn', HELPDESK_LOCALE: 'en',
        OIDC_ISSUER: peer.issuer, OIDC_CLIENT_ID: peer.clientId, OIDC_CLIENT_SECRET: peer.clientSecret },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    server.stderr!.on('data', (d) => (err += d));
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (i > 200 || server.exitCode !== null) throw new Error(`server did not start: ${err}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    b = await launchChromium();
  });
  afterAll(async () => {
    await b?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await peer?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function signInAtProvider(login: string) {
    const ctx = await b.browser.newContext({ baseURL: base, locale: 'en-GB' });
    const page = await ctx.newPage();
    await page.goto('/tickets');
    expect(new URL(page.url()).pathname).toBe('/signin');
    // The local sign-in is gone when OIDC is configured: one button to the provider.
    expect(await page.locator('#person').count()).toBe(0);
    await page.click('text=Sign in with Microsoft');
    await page.waitForURL((u) => u.href.startsWith(peer.issuer));
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', 'anything');
    await page.click('button[type=submit]');
    // The development provider asks for consent once.
    await page.waitForURL((u) => !u.href.startsWith(peer.issuer) || /interaction/.test(u.pathname));
    if (page.url().startsWith(peer.issuer)) await page.click('button[type=submit]');
    await page.waitForURL((u) => u.href.startsWith(base));
    return { ctx, page };
  }

  it('signs a known person in through the authorization-code flow and comes back where they were going', async () => {
    const { ctx, page } = await signInAtProvider('olga@example.com');
    expect(new URL(page.url()).pathname).toBe('/tickets');
    expect(await page.textContent('header')).toContain('Olga Martin');
    const cookie = (await ctx.cookies()).find((c) => c.name === 'hd_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    await shot(page, 'oidc-signed-in');
    await ctx.close();
  });

  it('refuses an account whose e-mail is no person of the helpdesk, and opens no session', async () => {
    const { ctx, page } = await signInAtProvider('stranger@example.com');
    expect(await page.textContent('main')).toContain('No active person has the address stranger@example.com');
    await page.goto('/tickets');
    expect(new URL(page.url()).pathname).toBe('/signin');
    await ctx.close();
  });

  it('refuses a callback that did not start here (no state in the session)', async () => {
    const res = await fetch(`${base}/signin/callback?code=forged&state=forged`, { redirect: 'manual' });
    expect(res.status).toBe(400);
  });
});
