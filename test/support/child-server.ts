import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mariadbUrl, openTestDb, type TestDbName } from './db';

/**
 * The server as production runs it: its own process (`helpdesk serve`), so a test can SIGKILL it in
 * the middle of its work and start another on the same database.
 */
export interface ChildServer {
  port: number;
  pid: number;
  url: string;
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, [path.resolve(__dirname, '../../bin/helpdesk.js'), 'serve'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err = (err + d).slice(-2000)));
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`server exited with ${code}: ${err || out.slice(-1000)}`));
    child.once('exit', onExit);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /"port":(\d+)/.exec(out);
      if (!m) return;
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      child.off('exit', onExit);
      const port = Number(m[1]);
      resolve({
        port,
        pid: child.pid!,
        url: `http://127.0.0.1:${port}`,
        child,
        kill: (signal = 'SIGKILL') =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill(signal);
          }),
      });
    });
  });
}

/** A database two processes can open: a file for SQLite, this worker's MariaDB database (emptied, migrated) otherwise. */
export async function sharedDatabase(db: TestDbName, name: string): Promise<{ url: string; remove(): void }> {
  if (db === 'sqlite') {
    const file = path.join(os.tmpdir(), `helpdesk-${name}-${process.pid}.sqlite`);
    const remove = () => {
      for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
    };
    remove();
    return { url: `sqlite:${file}`, remove };
  }
  await (await openTestDb('mariadb')).close();
  return { url: mariadbUrl(), remove: () => undefined };
}
