import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { todayIso } from '../../domain/dates.ts';
import { cacheEnabled, cacheFor } from '../cache.ts';
import { LICENCE } from './opendata.config.ts';
import type { Dataset } from './opendata.datasets.ts';
import { csvHeader, csvRow, jsonObject } from './opendata.format.ts';
import * as repo from './opendata.repository.ts';

/**
 * The open files: read page by page and written as they are read (a 100,000-organisation file
 * never sits whole in memory), with validators from the data version.
 */

export type OpenFormat = 'csv' | 'json';

export const MEDIA_TYPES: Record<OpenFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
};

export interface DataState {
  version: number;
  changes: Awaited<ReturnType<typeof repo.lastChanges>>;
  temporal: Awaited<ReturnType<typeof repo.temporalCoverage>>;
}

/** Version, last changes and coverage: read once per data version (cache.ts). */
export async function dataState(db: Db): Promise<DataState> {
  const compute = async () => {
    const [version, changes, temporal] = await Promise.all([
      repo.dataVersion(db),
      repo.lastChanges(db),
      repo.temporalCoverage(db),
    ]);
    return { version, changes, temporal };
  };
  return cacheEnabled() ? cacheFor(db).get(db, 'opendata:state', compute) : compute();
}

/** What changes with a deploy: the fields and any content fixed in code. */
const revisions = new WeakMap<Dataset, string>();
function revisionOf(ds: Dataset): string {
  let r = revisions.get(ds);
  if (!r) {
    const def = `${ds.fields.map((f) => f.name).join(',')}|${ds.revision ?? ''}`;
    r = createHash('sha256').update(def).digest('hex').slice(0, 8);
    revisions.set(ds, r);
  }
  return r;
}

/** The strong validator of one file: data version, (day,) definition, format. */
export function etagOf(state: DataState, ds: Dataset, format: OpenFormat, today = todayIso()): string {
  const day = ds.daily ? `-${today}` : '';
  return `"polaris-${state.version}${day}-${ds.name}-${revisionOf(ds)}-${format}"`;
}

/** Last change of the rows behind a dataset (creation or update; a deletion changes the ETag only). */
export function lastModifiedOf(state: DataState, ds: Dataset, today = todayIso()): Date | null {
  let latest: Date | null = ds.daily ? new Date(`${today}T00:00:00Z`) : (ds.loadedAt ?? null);
  for (const c of ds.changes) {
    const d = state.changes[c];
    if (d && (!latest || d > latest)) latest = d;
  }
  return latest;
}

/** Sizes of the files fully written at the current version (bytes), for the catalogue's byteSize. */
const sizes = new WeakMap<Db, { version: number; bytes: Map<string, number> }>();

export function knownByteSize(db: Db, version: number, ds: Dataset, format: OpenFormat): number | null {
  const s = sizes.get(db);
  return s && s.version === version ? (s.bytes.get(`${ds.name}.${format}`) ?? null) : null;
}

function rememberSize(db: Db, version: number, key: string, bytes: number) {
  let s = sizes.get(db);
  if (!s || s.version !== version) {
    s = { version, bytes: new Map() };
    sizes.set(db, s);
  }
  s.bytes.set(key, bytes);
}

async function* encode(db: Db, ds: Dataset, format: OpenFormat, version: number): AsyncGenerator<string> {
  if (format === 'csv') {
    yield csvHeader(ds.fields);
    for await (const page of ds.pages(db)) {
      let chunk = '';
      for (const r of page) chunk += csvRow(ds.fields, r);
      yield chunk;
    }
    return;
  }
  yield `{"dataset":${JSON.stringify(ds.name)},"license":${JSON.stringify(LICENCE.deed)},"version":${version},"fields":${JSON.stringify(ds.fields.map((f) => f.name))},"items":[`;
  let n = 0;
  for await (const page of ds.pages(db)) {
    let chunk = '';
    for (const r of page) chunk += `${n++ === 0 ? '\n' : ',\n'}${jsonObject(ds.fields, r)}`;
    yield chunk;
  }
  yield `\n],"count":${n}}\n`;
}

/**
 * The file as a stream of UTF-8 chunks. Pages are separate reads: a write during a long download
 * may be half-seen (the next download carries the new ETag). When the version did not move while
 * writing, the byte size is remembered for the catalogue.
 */
export async function* openFile(
  db: Db,
  ds: Dataset,
  format: OpenFormat,
  version: number,
): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const s of encode(db, ds, format, version)) {
    const b = Buffer.from(s, 'utf8');
    bytes += b.length;
    yield b;
  }
  if ((await repo.dataVersion(db)) === version) rememberSize(db, version, `${ds.name}.${format}`, bytes);
}
