import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import yauzl from 'yauzl';
import { PNG } from 'pngjs';
import Ajv from 'ajv-draft-04';
import { NEW_TICKET_FOR_CALLER } from '../../../bots/teams/extension';

const ROOT = path.join(__dirname, '../../..');
const APP_ID = '0b7c7d2e-1f4a-4c1e-9d5b-2a3b4c5d6e7f';

function unzip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const files = new Map<string, Buffer>();
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Issue 4 deliverable 9: `npm run manifest` builds the package Teams accepts (R11, R12). */
describe('Teams app package (npm run manifest)', () => {
  const out = path.join(os.tmpdir(), `helpdesk-teams-${process.pid}.zip`);
  let files: Map<string, Buffer>;
  let manifest: any;

  beforeAll(async () => {
    fs.rmSync(out, { force: true });
    // Only the app id and the public domain: the package never holds the password (R17).
    const env = { ...process.env, MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: '', PUBLIC_URL: 'https://helpdesk.example.com/', LOG_LEVEL: 'silent' };
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'manifest', '--', '--out', out], { cwd: ROOT, env });
    expect(stdout.trim()).toBe(out);
    files = await unzip(out);
    manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
  }, 60000);
  afterAll(() => fs.rmSync(out, { force: true }));

  it('holds manifest.json and the two icons at the root of the zip', () => {
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('validates against the Teams manifest schema shipped in the repository (1.17 or later)', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest/teams/MicrosoftTeams.schema.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('uri', true);
    const validate = ajv.compile(schema);
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const [major, minor] = String(manifest.manifestVersion).split('.').map(Number);
    expect(major * 100 + minor).toBeGreaterThanOrEqual(117);
    // The validator itself refuses a broken manifest (so the check above can fail).
    expect(validate({ ...manifest, bots: [{ ...manifest.bots[0], scopes: ['everywhere'] }] })).toBe(false);
  });

  it('fills the app id and the domain from the settings; the bot is in personal, team and groupChat with its commands', () => {
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.validDomains).toEqual(['helpdesk.example.com']);
    expect(JSON.stringify(manifest)).not.toContain('{{');
    expect(manifest.bots[0].scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    const commands = manifest.bots[0].commandLists.flatMap((l: any) => l.commands.map((c: any) => `${l.scopes[0]}:${c.title}`));
    expect(commands).toEqual(expect.arrayContaining(['personal:my tickets', 'personal:help', 'team:setup technicians', 'team:setup managers', 'team:role']));
  });

  it('declares the phone-support message extension the bot answers', () => {
    const ext = manifest.composeExtensions[0];
    expect(ext.botId).toBe(APP_ID);
    expect(ext.commands[0]).toMatchObject({ id: NEW_TICKET_FOR_CALLER, type: 'action', title: 'New ticket for a caller', fetchTask: false });
    expect(ext.commands[0].parameters.map((p: any) => p.name)).toEqual(['caller', 'name', 'description']);
  });

  it('ships a 192x192 colour icon and a 32x32 outline icon that is white on transparent', () => {
    const color = PNG.sync.read(files.get(manifest.icons.color)!);
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = PNG.sync.read(files.get(manifest.icons.outline)!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let opaque = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = outline.data.subarray(i, i + 4);
      if (a === 0) continue;
      opaque++;
      expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(opaque).toBeGreaterThan(50);
    expect(opaque).toBeLessThan(32 * 32 - 100);
  });

  it('refuses to build without an app id, saying which setting to set', async () => {
    const env = { ...process.env, MICROSOFT_APP_ID: '', MICROSOFT_APP_PASSWORD: '', LOG_LEVEL: 'silent' };
    const run = promisify(execFile)('node', ['bin/run-ts.js', 'scripts/build-teams-manifest.ts', '--out', `${out}.none`], { cwd: ROOT, env });
    await expect(run).rejects.toMatchObject({ stderr: expect.stringContaining('MICROSOFT_APP_ID') });
    expect(fs.existsSync(`${out}.none`)).toBe(false);
  }, 30000);
});
