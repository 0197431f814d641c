import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSlackManifest } from '../../support/slack-manifest';
import { startTestServer } from '../../support/server';
import { TEST_DATABASES } from '../../support/db';

const manifestPath = path.join(__dirname, '../../../manifest/slack-app.yml');

/** Issue 3 deliverable 9: the manifest asks for what the bot handles, all on the one signed route (R12). */
describe('Slack app manifest (R12, R17)', () => {
  it('is YAML that Slack accepts: parsed by a YAML library and checked against the manifest shape', () => {
    const { problems } = readSlackManifest(manifestPath);
    expect(problems).toEqual([]);
  });

  it('the shape check refuses what Slack refuses (an unquoted ": " inside a value, a missing request URL)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slack-manifest-'));
    const bad = path.join(dir, 'bad.yml');
    fs.writeFileSync(bad, fs.readFileSync(manifestPath, 'utf8').replace(/description: "?Report an issue.*/, 'description: Report an issue (phone support: for @person text)'));
    expect(readSlackManifest(bad).problems.join('\n')).toMatch(/YAML/);
    fs.writeFileSync(bad, fs.readFileSync(manifestPath, 'utf8').replace(/request_url: \S+\n    bot_events/, 'bot_events'));
    expect(readSlackManifest(bad).problems).toEqual([expect.stringContaining('settings.event_subscriptions.request_url')]);
  });

  it('declares the three slash commands, interactivity and events, all on /slack/events', () => {
    const { manifest } = readSlackManifest(manifestPath);
    const commands = manifest.features.slash_commands ?? [];
    expect(commands.map((c) => c.command)).toEqual(['/ticket', '/tickets', '/helpdesk']);
    const urls = [...commands.map((c) => c.url), manifest.settings.event_subscriptions?.request_url, manifest.settings.interactivity?.request_url];
    expect(urls).toHaveLength(5);
    for (const u of urls) expect(u).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    expect(manifest.settings.interactivity?.is_enabled).toBe(true);
    expect(manifest.features.app_home?.home_tab_enabled).toBe(true);
    expect(commands[0].description).toMatch(/phone support: for/);
  });

  it('subscribes to the events the bot listens to and asks for the scopes they and its calls need', () => {
    const { manifest } = readSlackManifest(manifestPath);
    expect([...(manifest.settings.event_subscriptions?.bot_events ?? [])].sort()).toEqual(['app_home_opened', 'app_mention', 'message.channels', 'message.groups', 'message.im']);
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'im:history', 'im:write', 'users:read', 'users:read.email']));
  });
});

describe('Slack app manifest for Socket Mode (R17 on premises)', () => {
  const socket = readSlackManifest(path.join(__dirname, '../../../manifest/slack-app-socket.yml'));
  const http = readSlackManifest(manifestPath).manifest;
  it('is YAML Slack accepts, turns Socket Mode on and names no request URL', () => {
    expect(socket.problems).toEqual([]);
    expect(socket.manifest.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socket.manifest)).not.toMatch(/url/);
  });
  it('asks for the same commands, events, scopes and interactivity as the HTTP manifest', () => {
    const m = socket.manifest;
    const cmds = (x: typeof m) => (x.features.slash_commands ?? []).map(({ url: _url, ...c }) => c);
    expect(cmds(m)).toEqual(cmds(http));
    expect(m.settings.event_subscriptions?.bot_events).toEqual(http.settings.event_subscriptions?.bot_events);
    expect(m.oauth_config.scopes.bot).toEqual(http.oauth_config.scopes.bot);
    expect(m.settings.interactivity?.is_enabled).toBe(true);
    expect(m.features.app_home).toEqual(http.features.app_home);
  });
});

describe.each(TEST_DATABASES)('Slack is off without its settings (R12) on %s', (db) => {
  it('does not serve /slack/events when SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are unset', async () => {
    const s = await startTestServer(db);
    try {
      const r = await s.call('POST', '/slack/events', null, { type: 'url_verification', challenge: 'x' });
      expect(r.status).toBe(404);
    } finally {
      await s.close();
    }
  });
});
