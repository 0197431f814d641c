import { createRequire } from 'node:module';
import type * as OpenId from 'openid-client';
import type { OidcOptions } from './context';

/**
 * OpenID Connect authorization-code flow with PKCE (Microsoft Entra ID in production), through
 * openid-client. That package is ESM only: it is loaded with Node's own require (Node >= 20.19 loads
 * ES modules that way), which also keeps it out of test runners' module registries.
 */
const load = (): typeof OpenId => createRequire(__filename)('openid-client') as typeof OpenId;

export interface OidcFlow {
  /** Where to send the browser, and what the callback must find in the session. */
  start(redirectUri: string): Promise<{ url: string; state: string; nonce: string; verifier: string }>;
  /** Exchanges the code (checking state, nonce and PKCE) and returns the person's e-mail and name. */
  finish(callbackUrl: URL, expected: { state: string; nonce: string; verifier: string }): Promise<{ email: string | null; name: string | null }>;
}

export function oidcFlow(o: OidcOptions): OidcFlow {
  let config: Promise<OpenId.Configuration> | null = null;
  const lib = load();
  const configuration = () => {
    // Discovery once per process; a failure is retried at the next sign-in instead of being cached.
    config ??= lib
      .discovery(new URL(o.issuer), o.clientId, o.clientSecret, undefined, o.issuer.startsWith('http://') ? { execute: [lib.allowInsecureRequests] } : undefined)
      .catch((e: unknown) => {
        config = null;
        throw e;
      });
    return config;
  };
  return {
    async start(redirectUri) {
      const c = await configuration();
      const verifier = lib.randomPKCECodeVerifier();
      const state = lib.randomState();
      const nonce = lib.randomNonce();
      const url = lib.buildAuthorizationUrl(c, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        code_challenge: await lib.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url: url.href, state, nonce, verifier };
    },
    async finish(callbackUrl, expected) {
      const c = await configuration();
      const tokens = await lib.authorizationCodeGrant(c, callbackUrl, {
        pkceCodeVerifier: expected.verifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
      });
      let claims: Record<string, unknown> = tokens.claims() ?? {};
      // Entra ID puts the sign-in address in preferred_username (or upn) when no email claim is issued.
      const address = (c: Record<string, unknown>) => [c.email, c.preferred_username, c.upn].find((v): v is string => typeof v === 'string' && v.includes('@'));
      // Providers that keep scope claims out of the ID token (the spec's default) give them at userinfo.
      if (!address(claims) && typeof claims.sub === 'string') claims = { ...claims, ...(await lib.fetchUserInfo(c, tokens.access_token, claims.sub)) };
      const email = address(claims) ?? null;
      return { email: email?.toLowerCase() ?? null, name: typeof claims.name === 'string' ? claims.name : null };
    },
  };
}
