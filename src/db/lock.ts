import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PolarisError } from '../domain/errors.ts';

/**
 * One process owns a PGlite data folder. Two processes opening the same folder silently lose
 * writes (../shared/STACK.md), so every process that opens it takes `polaris.lock` first: an
 * exclusive-create file naming the owner. A lock whose process is gone is stale and taken over.
 */

export interface LockInfo {
  pid: number;
  command: string;
  url?: string;
  startedAt: string;
}

export class DataDirLockedError extends PolarisError {
  constructor(
    readonly dataDir: string,
    readonly owner: LockInfo,
  ) {
    const via = owner.url
      ? ` Stop it first, or do this through the running server (${owner.url}, e.g. the import page or POST /api/v1/imports/organisations).`
      : ' Wait for it to finish or stop it first.';
    super(
      'data_dir_locked',
      `The database in ${dataDir} is in use by "polaris ${owner.command}" (pid ${owner.pid}, since ${owner.startedAt}).${via} Opening it from a second process would lose data.`,
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readLock(dataDir: string): LockInfo | null {
  const file = join(dataDir, 'polaris.lock');
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

/** Take the folder's lock or throw DataDirLockedError. Returns the release function. */
export function acquireDataDirLock(
  dataDir: string,
  command: string,
): { release(): void; update(url: string): void } {
  const file = join(dataDir, 'polaris.lock');
  const info: LockInfo = { pid: process.pid, command, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeFileSync(fd, JSON.stringify(info));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const now = readLock(dataDir);
        if (now?.pid === process.pid) rmSync(file, { force: true });
      };
      process.once('exit', release);
      return {
        release,
        update(url: string) {
          info.url = url;
          writeFileSync(file, JSON.stringify(info));
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = readLock(dataDir);
      if (owner && owner.pid !== process.pid && alive(owner.pid))
        throw new DataDirLockedError(dataDir, owner);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not take the lock on ${dataDir}`);
}
