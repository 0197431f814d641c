import fs from 'node:fs';
import path from 'node:path';
import { startTestServer } from '../../support/server';
import { TEST_DATABASES } from '../../support/db';

const manifest = fs.readFileSync(path.join(__dirname, '../../../manifest/slack-app.yml'), 'utf8');
const listUnder = (key: string) => {
  const m = new RegExp(`\\n(\\s*)${key}:\\n((?:\\1  +- .*\\n)+)`).exec(manifest);
  return m ? m[2].split('\n').filter(Boolean).map((l) => l.replace(/^\s*- /, '').replace(/\s*#.*$/, '').trim()) : [];
};

/** Issue 3 deliverable 9: the manifest asks for what the bot handles, all on the one signed route (R12). */
describe('Slack app manifest (R12)', () => {
  it('declares the three slash commands, interactivity and events, all on /slack/events', () => {
    const commands = [...manifest.matchAll(/- command: (\/\w+)/g)].map((m) => m[1]);
    expect(commands).toEqual(['/ticket', '/tickets', '/helpdesk']);
    const urls = [...manifest.matchAll(/(?:url|request_url): (\S+)/g)].map((m) => m[1]);
    expect(urls).toHaveLength(5);
    for (const u of urls) expect(u).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true/);
    expect(manifest).toMatch(/home_tab_enabled: true/);
  });

  it('subscribes to the events the bot listens to and asks for the scopes they and its calls need', () => {
    expect(listUnder('bot_events').sort()).toEqual(['app_home_opened', 'app_mention', 'message.channels', 'message.groups', 'message.im']);
    expect(listUnder('bot')).toEqual(expect.arrayContaining(['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'im:history', 'im:write', 'users:read', 'users:read.email']));
  });
});

describe('Slack app manifest for Socket Mode (R17 on premises)', () => {
  const socket = fs.readFileSync(path.join(__dirname, '../../../manifest/slack-app-socket.yml'), 'utf8');
  const strip = (m: string) => m.replace(/^#.*\n/gm, '').replace(/\n\s+(request_)?url: \S+/g, '').replace(/socket_mode_enabled: \w+/, '');
  it('turns Socket Mode on and names no request URL', () => {
    expect(socket).toMatch(/\n  socket_mode_enabled: true\n/);
    expect(socket).not.toMatch(/url:/);
  });
  it('asks for the same commands, events, scopes and interactivity as the HTTP manifest', () => {
    expect(strip(socket)).toBe(strip(manifest));
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
