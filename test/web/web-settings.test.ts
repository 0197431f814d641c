import { loadSettings } from '../../adapters/config/settings';

/** Web sign-in settings (issue 9): a half-configured OpenID client or a weak secret stops the start with one line. */
describe('web sign-in settings', () => {
  const oidc = { OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0', OIDC_CLIENT_ID: 'id', OIDC_CLIENT_SECRET: 'secret' };

  it('accepts none or all three OIDC_* settings', () => {
    expect(loadSettings({}).OIDC_ISSUER).toBeUndefined();
    expect(loadSettings(oidc).OIDC_CLIENT_ID).toBe('id');
  });

  it.each(['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'])('names %s when it is the one missing', (missing) => {
    const env: Record<string, string> = { ...oidc };
    delete env[missing];
    expect(() => loadSettings(env)).toThrow(new RegExp(`^Invalid setting ${missing}: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together`));
  });

  it('refuses a short WEB_SESSION_SECRET, and production OIDC without one', () => {
    expect(() => loadSettings({ WEB_SESSION_SECRET: 'short' })).toThrow(/^Invalid setting WEB_SESSION_SECRET: use at least 32/);
    const prod = { NODE_ENV: 'production', MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'b', MICROSOFT_APP_TENANT_ID: 'c', ...oidc };
    expect(() => loadSettings(prod)).toThrow(/^Invalid setting WEB_SESSION_SECRET: production web sign-in/);
    expect(loadSettings({ ...prod, WEB_SESSION_SECRET: 'x'.repeat(32) }).WEB_SESSION_SECRET).toHaveLength(32);
  });
});
