import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * A real OpenID Provider on 127.0.0.1 (the `oidc-provider` package) standing in for Microsoft Entra
 * ID. It is ESM-only, which Jest's module registry cannot load, so it runs in its own Node process.
 * Its development login form accepts any login: the login typed becomes the subject and the `email`
 * claim, so a test signs in as whom it chooses (any password).
 */
export interface OidcPeer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

const SCRIPT = `
const http = require('node:http');
const Provider = require('oidc-provider').default;
const [redirectUri, clientId, clientSecret] = process.argv.slice(1);
const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = 'http://127.0.0.1:' + server.address().port;
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    scopes: ['openid', 'email', 'profile'],
    pkce: { required: () => true },
    cookies: { keys: ['oidc-peer-test-cookie-key'] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub) {
      return { accountId: sub, claims: async () => ({ sub, email: sub, email_verified: true, name: sub.split('@')[0] }) };
    },
  });
  server.on('request', provider.callback());
  process.stdout.write('ISSUER ' + issuer + '\\n');
});
`;

export async function startOidcPeer(redirectUri: string): Promise<OidcPeer> {
  const clientId = 'helpdesk-web';
  const clientSecret = 'a-client-secret-long-enough-for-hs256-0123456789';
  const root = path.resolve(__dirname, '../..');
  const child = spawn(process.execPath, ['-e', SCRIPT, redirectUri, clientId, clientSecret], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const issuer = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`OIDC peer did not start: ${err}`)), 20000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /ISSUER (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`OIDC peer exited ${code}: ${err}`)));
  });
  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
