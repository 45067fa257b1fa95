import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

const ROOT = resolve(import.meta.dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => ok(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode != null) throw new Error(`polaris serve exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`polaris serve did not answer /health within ${timeoutMs / 1000} s:\n${log()}`);
}

/**
 * Once per run: start `polaris serve` on a free port with a temporary PGlite folder (the server
 * loads the demo data into an empty database), hand its address to the tests, and stop it after.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(join(ROOT, 'dist', 'web', 'index.html')))
    throw new Error('dist/web/index.html is missing: run `npm run build` before `npm run test:e2e`');
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium))
    throw new Error(
      `Chromium is not at ${chromium}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );

  const dataDir = mkdtempSync(join(tmpdir(), 'polaris-e2e-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, POLARIS_DATA_DIR: join(dataDir, 'data') };
  // The journeys run on the embedded database, whatever the shell points DATABASE_URL at.
  delete env.DATABASE_URL;
  delete env.POLARIS_NO_DEMO;
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'polaris.mjs'), 'serve', '--port', String(port), '--host', '127.0.0.1'],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const baseURL = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode == null && child.signalCode == null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseURL, child, () => output, 110_000);
  } catch (e) {
    await stop();
    throw e;
  }
  project.provide('baseURL', baseURL);
  return stop;
}
