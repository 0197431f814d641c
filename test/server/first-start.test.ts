import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { loadSettings } from '../../adapters/config/settings';
import { openDatabase } from '../../adapters/sequelize/database';

/** A new user's first start, as the README tells it (R17). */
const ROOT = path.resolve(__dirname, '../..');

describe('PUBLIC_URL follows PORT when unset (R17)', () => {
  it('PORT=4401 gives links on http://localhost:4401; an explicit PUBLIC_URL wins', () => {
    expect(loadSettings({ PORT: '4401' }).PUBLIC_URL).toBe('http://localhost:4401');
    expect(loadSettings({}).PUBLIC_URL).toBe('http://localhost:3978');
    expect(loadSettings({ PORT: '4401', PUBLIC_URL: 'https://helpdesk.example.com' }).PUBLIC_URL).toBe('https://helpdesk.example.com');
  });
});

const base = process.env.TEST_MYSQL_URL;
(base ? describe : describe.skip)('a missing MySQL database (R17)', () => {
  const u = new URL(base ?? 'mysql://root@127.0.0.1:3306/x');
  const admin = () => mysql.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) });
  const name = `${u.pathname.slice(1)}_newb`;
  const limited = `${u.pathname.slice(1)}_nocreate`.slice(0, 32);
  afterAll(async () => {
    const c = await admin();
    await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await c.query(`DROP USER IF EXISTS '${limited}'@'%'`);
    await c.end();
  });

  it('is created (utf8mb4) at the first start when the user may, and migrations run in it', async () => {
    const c = await admin();
    await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
    const url = new URL(u.toString());
    url.pathname = `/${name}`;
    const db = await openDatabase(url.toString());
    try {
      expect((await db.migrate()).length).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
    const [rows] = await c.query('SELECT DEFAULT_CHARACTER_SET_NAME AS cs FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [name]);
    await c.end();
    expect(rows).toEqual([{ cs: 'utf8mb4' }]);
  }, 60000);

  it('otherwise stops `npm start` with one line saying how to create it (charset, user, grants)', async () => {
    const c = await admin();
    await c.query(`DROP USER IF EXISTS '${limited}'@'%'`);
    await c.query(`CREATE USER '${limited}'@'%' IDENTIFIED BY 'pw-17'`);
    await c.end();
    const url = `mysql://${limited}:pw-17@${u.host}/${name}_absent`;
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/helpdesk.js'), 'serve'], { cwd: os.tmpdir(), env: { PATH: process.env.PATH ?? '', DATABASE_URL: url, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).not.toBe(0);
    const lines = err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`Database "${name}_absent" does not exist`);
    expect(lines[0]).toContain('CHARACTER SET utf8mb4');
    expect(lines[0]).toContain(`GRANT ALL PRIVILEGES ON \`${name}_absent\`.* TO '${limited}'`);
  }, 60000);
});
