/**
 * `npm run manifest`: the Teams app package to sideload or upload (manifest/teams/README in the main
 * README). The app id comes from MICROSOFT_APP_ID and the valid domain from PUBLIC_URL (settings,
 * `.env` included); the zip holds manifest.json and the two icons at its root, as Teams requires.
 *   npm run manifest [-- --out path/to/helpdesk-teams.zip]
 */
import fs from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { loadPackageSettings } from '../adapters/config/settings';

const DIR = path.join(__dirname, '..', 'manifest', 'teams');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function teamsManifest(appId: string, publicUrl: string): Record<string, unknown> {
  if (!GUID.test(appId)) throw new Error(`MICROSOFT_APP_ID must be the bot's Azure app id (a GUID), got "${appId}"`);
  const base = publicUrl.replace(/\/+$/, '');
  const domain = new URL(base).host;
  const template = fs.readFileSync(path.join(DIR, 'manifest.template.json'), 'utf8');
  // Values are JSON-escaped before they replace the placeholders inside JSON strings.
  const esc = (s: string) => JSON.stringify(s).slice(1, -1);
  const filled = template.replace(/\{\{APP_ID\}\}/g, esc(appId.toLowerCase())).replace(/\{\{PUBLIC_URL\}\}/g, esc(base.replace(/^http:/, 'https:'))).replace(/\{\{DOMAIN\}\}/g, esc(domain));
  return JSON.parse(filled);
}

export async function buildTeamsPackage(appId: string, publicUrl: string, out: string): Promise<string> {
  const manifest = teamsManifest(appId, publicUrl);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), 'manifest.json');
  zip.addFile(path.join(DIR, 'color.png'), 'color.png');
  zip.addFile(path.join(DIR, 'outline.png'), 'outline.png');
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(fs.createWriteStream(out)).on('close', resolve).on('error', reject);
  });
  return out;
}

async function main(): Promise<void> {
  require('dotenv').config({ quiet: true });
  const settings = loadPackageSettings();
  if (!settings.MICROSOFT_APP_ID) throw new Error('Set MICROSOFT_APP_ID (the Azure Bot registration app id) in the environment or .env, then run npm run manifest again');
  const i = process.argv.indexOf('--out');
  const out = path.resolve(i > 0 && process.argv[i + 1] ? process.argv[i + 1] : path.join('data', 'helpdesk-teams.zip'));
  await buildTeamsPackage(settings.MICROSOFT_APP_ID, settings.PUBLIC_URL, out);
  process.stdout.write(`${out}\n`);
}

// Run by bin/run-ts.js (argv[1] is this file), not when a test imports the functions.
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  main().catch((e) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 1;
  });
}
