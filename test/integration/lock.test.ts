import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECT } from '../helpers/db.ts';

/**
 * One process owns a PGlite data folder (src/db/lock.ts). These tests run the real `polaris`
 * command as child processes on a folder of their own; they concern the embedded database only.
 */

const BIN = resolve(process.cwd(), 'bin', 'polaris.mjs');
const PASSWORD = 'lock-test-password';

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

describe.skipIf(DIALECT === 'postgres')('the PGlite data folder lock', () => {
  let dir = '';
  let env: NodeJS.ProcessEnv = {};
  let server: ChildProcess | undefined;
  let serverLog = '';
  let port = 0;
  let url = '';

  /** Run a `polaris` command to completion: its exit code and output. */
  const polaris = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((ok) => {
      execFile(
        process.execPath,
        [BIN, ...args],
        { env, cwd: process.cwd(), timeout: 90_000 },
        (err, stdout, stderr) => {
          const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
          ok({ code, stdout, stderr });
        },
      );
    });

  const waitForHealth = async (deadline: number) => {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (server?.exitCode != null) throw new Error(`the server exited early:\n${serverLog}`);
      if (Date.now() > deadline) throw new Error(`the server did not answer /health in time:\n${serverLog}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  const stopServer = () =>
    new Promise<number | null>((ok) => {
      if (!server || server.exitCode != null) return ok(server?.exitCode ?? null);
      const timer = setTimeout(() => server?.kill('SIGKILL'), 20_000);
      server.once('exit', (code) => {
        clearTimeout(timer);
        ok(code);
      });
      server.kill('SIGTERM');
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'polaris-lock-'));
    env = { ...process.env, POLARIS_DATA_DIR: dir, POLARIS_NO_DEMO: '1' };
    delete env.DATABASE_URL;
    // an account first (this creates the folder's database), then the server on it
    const add = await polaris('users', 'add', 'admin@lock.test', '--admin', '--password', PASSWORD);
    expect(add.code, add.stderr).toBe(0);
    port = await freePort();
    url = `http://localhost:${port}`;
    server = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--no-demo'], {
      env,
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (b) => {
      serverLog += String(b);
    });
    server.stderr?.on('data', (b) => {
      serverLog += String(b);
    });
    await waitForHealth(Date.now() + 90_000);
  }, 180_000);

  afterAll(async () => {
    if (server && server.exitCode == null) server.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a second process is refused while the server runs, with a message naming it; the server’s data is intact', async () => {
    const api = (path: string, init: RequestInit = {}) => fetch(`http://127.0.0.1:${port}${path}`, init);
    const login = await api('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@lock.test', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const created = await api('/api/v1/organisations', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ name: 'Organisation du serveur', kind: 'other' }),
    });
    expect(created.status).toBe(201);

    const lock = JSON.parse(readFileSync(join(dir, 'polaris.lock'), 'utf8'));
    expect(lock).toMatchObject({ pid: server!.pid, command: 'serve', url });

    const file = join(dir, 'intrus.csv');
    writeFileSync(file, 'Nom\nIntrus SA\n');
    const run = await polaris('import', 'organisations', file);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`in use by "polaris serve" (pid ${server!.pid}`);
    expect(run.stderr).toContain(url);
    expect(run.stderr).toMatch(/POST \/api\/v1\/imports\/organisations/);

    // the server still answers, with its data and without the refused import
    expect((await api('/health')).status).toBe(200);
    const list = await (await api('/api/v1/organisations?pageSize=100')).json();
    expect(list.items.map((o: { name: string }) => o.name)).toEqual(['Organisation du serveur']);
    expect(JSON.parse(readFileSync(join(dir, 'polaris.lock'), 'utf8')).pid).toBe(server!.pid);
  }, 120_000);

  it('the server releases the lock when it stops, and its data is still there', async () => {
    expect(await stopServer()).toBe(0);
    expect(existsSync(join(dir, 'polaris.lock'))).toBe(false);
    const out = await polaris('export', 'organisations', '--format', 'csv');
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('Organisation du serveur');
    expect(out.stdout).not.toContain('Intrus SA');
  }, 120_000);

  it('a stale lock (its process is gone) is taken over (by an import with --keep-valid)', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(
      join(dir, 'polaris.lock'),
      JSON.stringify({
        pid: dead,
        command: 'serve',
        url: 'http://localhost:1',
        startedAt: '2026-01-01T00:00:00Z',
      }),
    );
    const file = join(dir, 'apres.csv');
    writeFileSync(
      file,
      'Nom;Type;BCE\nAprès le serveur SA;entreprise;\nChiffre Faux SA;entreprise;0123.456.748\n',
    );
    // --keep-valid: the valid row is written, the other reported, and the exit code says not all went in
    const run = await polaris('import', 'organisations', file, '--keep-valid');
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain('CSV (utf-8, delimiter ";"): 2 row(s), 1 valid.');
    expect(run.stdout).toContain(
      '✗ row 3 / column "BCE": "0123.456.748" fails the mod-97 check: the last two digits should be 49, not 48 [0123.456.748]',
    );
    expect(run.stdout).toContain('Written: 1 created');
    expect(existsSync(join(dir, 'polaris.lock'))).toBe(false); // released on exit
    const out = await polaris('export', 'organisations', '--format', 'csv');
    expect(out.stdout).toContain('Organisation du serveur');
    expect(out.stdout).toContain('Après le serveur SA');
    expect(out.stdout).not.toContain('Chiffre Faux SA');
  }, 120_000);
});
