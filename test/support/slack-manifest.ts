import fs from 'node:fs';
import { parseDocument } from 'yaml';

/**
 * Reads a Slack app manifest as Slack's "From an app manifest" does: real YAML (a parse error is a
 * refusal), then the shape Slack checks (field types, lengths, URLs). Returns the manifest and the
 * list of problems (empty when Slack would accept it). Socket Mode manifests need no request URLs.
 */
export interface SlackManifest {
  display_information: { name: string; description?: string; background_color?: string; long_description?: string };
  features: {
    app_home?: Record<string, boolean>;
    bot_user?: { display_name: string; always_online?: boolean };
    slash_commands?: Array<{ command: string; url?: string; description: string; usage_hint?: string; should_escape?: boolean }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions?: { request_url?: string; bot_events: string[] };
    interactivity?: { is_enabled: boolean; request_url?: string };
    org_deploy_enabled?: boolean;
    socket_mode_enabled?: boolean;
    token_rotation_enabled?: boolean;
  };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown, max: number, min = 1): v is string => typeof v === 'string' && v.length >= min && v.length <= max;

export function readSlackManifest(filePath: string): { manifest: SlackManifest; problems: string[] } {
  const doc = parseDocument(fs.readFileSync(filePath, 'utf8'), { prettyErrors: true, uniqueKeys: true });
  const problems: string[] = [...doc.errors, ...doc.warnings].map((e) => `YAML: ${e.message.split('\n')[0]}`);
  const m = (problems.length ? {} : doc.toJS()) as Record<string, unknown>;
  if (problems.length) return { manifest: m as unknown as SlackManifest, problems };
  const need = (ok: boolean, what: string) => { if (!ok) problems.push(what); };
  const di = m.display_information;
  need(isObj(di), 'display_information must be a map');
  if (isObj(di)) {
    need(isStr(di.name, 35), 'display_information.name: a string of 1-35 characters');
    need(di.description === undefined || isStr(di.description, 140), 'display_information.description: at most 140 characters');
    need(di.background_color === undefined || (typeof di.background_color === 'string' && /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(di.background_color)), 'display_information.background_color: #rgb or #rrggbb');
    need(di.long_description === undefined || isStr(di.long_description, 4000, 175), 'display_information.long_description: 175-4000 characters');
  }
  const settings = isObj(m.settings) ? m.settings : {};
  const socket = settings.socket_mode_enabled === true;
  const url = (v: unknown, where: string) => {
    if (v === undefined && socket) return;
    need(typeof v === 'string' && /^https:\/\/[^\s/]+(\/\S*)?$/.test(v), `${where}: an https URL${socket ? '' : ' (required without Socket Mode)'}`);
  };
  const f = m.features;
  need(isObj(f), 'features must be a map');
  if (isObj(f)) {
    if (f.bot_user !== undefined) need(isObj(f.bot_user) && isStr(f.bot_user.display_name, 80), 'features.bot_user.display_name: 1-80 characters');
    if (f.app_home !== undefined) need(isObj(f.app_home) && Object.values(f.app_home).every((v) => typeof v === 'boolean'), 'features.app_home: booleans');
    const cmds = f.slash_commands;
    need(cmds === undefined || Array.isArray(cmds), 'features.slash_commands must be a list');
    for (const [i, c] of (Array.isArray(cmds) ? cmds : []).entries()) {
      const at = `features.slash_commands[${i}]`;
      if (!isObj(c)) { problems.push(`${at} must be a map`); continue; }
      need(typeof c.command === 'string' && /^\/[a-z0-9_-]{1,31}$/.test(c.command), `${at}.command: / and up to 32 lower-case characters`);
      need(isStr(c.description, 2000), `${at}.description: a string of 1-2000 characters`);
      need(c.usage_hint === undefined || isStr(c.usage_hint, 1000), `${at}.usage_hint: at most 1000 characters`);
      need(c.should_escape === undefined || typeof c.should_escape === 'boolean', `${at}.should_escape: a boolean`);
      url(c.url, `${at}.url`);
    }
  }
  const scopes = isObj(m.oauth_config) && isObj(m.oauth_config.scopes) ? m.oauth_config.scopes.bot : undefined;
  need(Array.isArray(scopes) && scopes.length > 0 && scopes.every((s) => typeof s === 'string' && /^[a-z_.]+:?[a-z_.]*$/.test(s)), 'oauth_config.scopes.bot: a list of scope names');
  need(isObj(m.settings), 'settings must be a map');
  const ev = settings.event_subscriptions;
  if (ev !== undefined) {
    need(isObj(ev) && Array.isArray(ev.bot_events) && ev.bot_events.every((e) => typeof e === 'string'), 'settings.event_subscriptions.bot_events: a list of event names');
    if (isObj(ev)) url(ev.request_url, 'settings.event_subscriptions.request_url');
  }
  const it = settings.interactivity;
  if (it !== undefined) {
    need(isObj(it) && typeof it.is_enabled === 'boolean', 'settings.interactivity.is_enabled: a boolean');
    if (isObj(it) && it.is_enabled) url(it.request_url, 'settings.interactivity.request_url');
  }
  for (const k of ['org_deploy_enabled', 'socket_mode_enabled', 'token_rotation_enabled']) {
    need(settings[k] === undefined || typeof settings[k] === 'boolean', `settings.${k}: a boolean`);
  }
  const known = new Set(['_metadata', 'display_information', 'features', 'oauth_config', 'settings', 'functions', 'workflows', 'outgoing_domains']);
  for (const k of Object.keys(m)) need(known.has(k), `unknown top-level key ${k}`);
  return { manifest: m as unknown as SlackManifest, problems };
}
