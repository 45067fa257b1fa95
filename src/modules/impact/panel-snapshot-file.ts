import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { PanelSnapshot } from './panel-snapshot.ts';

/**
 * The columnar snapshot on disk: one binary file per panel state, so a restarted server has its
 * typed columns back in one `readFile` (≈ 0.3 s for 2 M rows) instead of a COPY out and a parse
 * (≈ 10 s on PGlite). The file is a cache: missing, stale or damaged, it is rebuilt from the table.
 *
 * Named `panel-v<version>-<stamp>-<layout>.snap`: the stamp is the random value every firm_years
 * write renews (migration 2026-11-28T1600), so a file is only ever read for the data it was built
 * from; `layout` hashes the format below, so a changed format is simply not found.
 *
 * Layout (host byte order, recorded in the header): "POLSNAP\n", u32 format, u32 header length,
 * the JSON header (counts, years, dictionaries, section table), padding to 8 bytes, the sections
 * (each typed array's bytes, 8-aligned, so loading makes views on the file's buffer without a
 * copy), and a CRC-32 of everything before it.
 */

const MAGIC = 'POLSNAP\n';
const FORMAT = 1;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type Section = 'firm' | 'year' | 'fte' | 'valueAdded' | 'turnover' | 'exports' | 'nace' | 'muni';
const ROW_SECTIONS: { name: Section; type: 'i32' | 'f64' }[] = [
  { name: 'firm', type: 'i32' },
  { name: 'year', type: 'i32' },
  { name: 'fte', type: 'f64' },
  { name: 'valueAdded', type: 'f64' },
  { name: 'turnover', type: 'f64' },
  { name: 'exports', type: 'f64' },
  { name: 'nace', type: 'i32' },
  { name: 'muni', type: 'i32' },
];

/** Hash of the layout: part of the file name, so files of another layout are never opened. */
export const SNAPSHOT_LAYOUT = createHash('sha256')
  .update(
    JSON.stringify({ FORMAT, ROW_SECTIONS, extra: ['rowTreatment:i16', 'firmStart:i32', 'enterprise:f64'] }),
  )
  .digest('hex')
  .slice(0, 10);

interface Header {
  version: number;
  stamp: string;
  rows: number;
  firms: number;
  minYear: number;
  maxYear: number;
  littleEndian: boolean;
  naceDict: string[];
  muniDict: string[];
  sections: { name: string; offset: number; bytes: number }[];
}

/**
 * The snapshot folder of a database: `polaris-cache` inside a PGlite data folder (one database per
 * folder), or a folder per PostgreSQL database (host, port and name; not the password) under `root`.
 */
export function panelCacheDir(o: { dataDir: string } | { root: string; databaseUrl: string }): string {
  if ('dataDir' in o) return join(o.dataDir, 'polaris-cache');
  const u = new URL(o.databaseUrl);
  const id = `${u.hostname}:${u.port || '5432'}/${decodeURIComponent(u.pathname.slice(1))}`;
  return join(o.root, `pg-${createHash('sha256').update(id).digest('hex').slice(0, 12)}`);
}

/** The file of one panel state in `dir`. */
export function snapshotFileName(version: number, stamp: string): string {
  return `panel-v${version}-${stamp}-${SNAPSHOT_LAYOUT}.snap`;
}

const pad8 = (n: number) => (n + 7) & ~7;

/**
 * Write the snapshot to `dir` (created if needed) through a temporary file renamed into place, so a
 * reader never sees half a file; other snapshot files of the folder (older panel states) go.
 * Returns the path.
 */
export function writeSnapshotFile(dir: string, s: PanelSnapshot): string {
  mkdirSync(dir, { recursive: true });
  const arrays: [string, ArrayBufferView][] = [
    ...ROW_SECTIONS.map((r) => [r.name, s[r.name]] as [string, ArrayBufferView]),
    ['rowTreatment', s.rowTreatment],
    ['firmStart', s.firmStart],
    ['treatmentColumn', s.treatmentColumn],
    ['enterprise', Float64Array.from(s.enterprise, Number)],
  ];
  const header: Header = {
    version: s.version,
    stamp: s.stamp,
    rows: s.rows,
    firms: s.enterprise.length,
    minYear: s.minYear,
    maxYear: s.maxYear,
    littleEndian: LITTLE_ENDIAN,
    naceDict: s.naceDict,
    muniDict: s.muniDict,
    sections: [],
  };
  // offsets depend on the header's length, which depends on the offsets' digits: iterate to the
  // fixed point (two or three passes; offsets only grow with the header)
  let json = '';
  let start = 16;
  for (let pass = 0; ; pass++) {
    let at = start;
    header.sections = arrays.map(([name, a]) => {
      const sec = { name, offset: at, bytes: a.byteLength };
      at = pad8(at + a.byteLength);
      return sec;
    });
    json = JSON.stringify(header);
    const need = pad8(16 + Buffer.byteLength(json));
    if (need <= start) break;
    if (pass > 10) throw new Error('snapshot header does not settle');
    start = need;
  }
  const head = Buffer.alloc(start);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(FORMAT, 8);
  head.writeUInt32LE(Buffer.byteLength(json), 12);
  head.write(json, 16, 'utf8');
  const name = snapshotFileName(s.version, s.stamp);
  const tmp = join(dir, `.${name}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    let crc = crc32(head);
    writeSync(fd, head);
    let at = start;
    const zeros = Buffer.alloc(8);
    for (let k = 0; k < arrays.length; k++) {
      const a = arrays[k]![1];
      const sec = header.sections[k]!;
      if (sec.offset !== at) throw new Error('snapshot layout mismatch');
      const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
      crc = crc32(bytes, crc);
      writeSync(fd, bytes);
      at += a.byteLength;
      const fill = pad8(at) - at;
      if (fill) {
        crc = crc32(zeros.subarray(0, fill), crc);
        writeSync(fd, zeros, 0, fill);
        at += fill;
      }
    }
    const tail = Buffer.alloc(4);
    tail.writeUInt32LE(crc >>> 0, 0);
    writeSync(fd, tail);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  const path = join(dir, name);
  renameSync(tmp, path);
  for (const f of readdirSync(dir))
    if (f !== name && /^\.?panel-v\d+-.*\.snap(\..*\.tmp)?$/.test(f)) rmSync(join(dir, f), { force: true });
  return path;
}

/**
 * Read the snapshot of panel state (version, stamp) from `dir`; null when there is no such file
 * or it does not check out (wrong size, byte order, checksum), in which case it is removed.
 */
export async function readSnapshotFile(
  dir: string,
  version: number,
  stamp: string,
): Promise<PanelSnapshot | null> {
  const path = join(dir, snapshotFileName(version, stamp));
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const t0 = performance.now();
  const s = decode(buf, version, stamp);
  if (!s) {
    rmSync(path, { force: true });
    return null;
  }
  s.timing = { source: 'file', ms: 0, copy: 0, parse: Math.round(performance.now() - t0) };
  return s;
}

function decode(buf: Buffer, version: number, stamp: string): PanelSnapshot | null {
  if (buf.length < 20 || buf.toString('latin1', 0, 8) !== MAGIC || buf.readUInt32LE(8) !== FORMAT)
    return null;
  const end = buf.length - 4;
  if (crc32(buf.subarray(0, end)) >>> 0 !== buf.readUInt32LE(end)) return null;
  let h: Header;
  try {
    h = JSON.parse(buf.toString('utf8', 16, 16 + buf.readUInt32LE(12))) as Header;
  } catch {
    return null;
  }
  if (h.version !== version || h.stamp !== stamp || h.littleEndian !== LITTLE_ENDIAN) return null;
  // views need the sections aligned in memory too; readFile's buffer of a large file starts its own
  // ArrayBuffer, a small one may sit in the pool at any offset (copy it then)
  const bytes = buf.byteOffset % 8 === 0 ? buf : Buffer.from(new Uint8Array(buf));
  const base = bytes.byteOffset;
  const sec = new Map(h.sections.map((x) => [x.name, x]));
  const view = <T>(
    name: string,
    make: (b: ArrayBuffer, o: number, n: number) => T,
    width: number,
    n: number,
  ): T => {
    const x = sec.get(name);
    if (!x || x.bytes !== n * width || x.offset + x.bytes > end) throw new Error(`section ${name}`);
    return make(bytes.buffer as ArrayBuffer, base + x.offset, n);
  };
  const i32 = (b: ArrayBuffer, o: number, n: number) => new Int32Array(b, o, n);
  const f64 = (b: ArrayBuffer, o: number, n: number) => new Float64Array(b, o, n);
  try {
    const enterpriseKeys = view('enterprise', f64, 8, h.firms);
    const enterprise = new Array<string>(h.firms);
    for (let f = 0; f < h.firms; f++) enterprise[f] = String(enterpriseKeys[f]!).padStart(10, '0');
    return {
      version: h.version,
      stamp: h.stamp,
      rows: h.rows,
      firm: view('firm', i32, 4, h.rows),
      year: view('year', i32, 4, h.rows),
      fte: view('fte', f64, 8, h.rows),
      valueAdded: view('valueAdded', f64, 8, h.rows),
      turnover: view('turnover', f64, 8, h.rows),
      exports: view('exports', f64, 8, h.rows),
      nace: view('nace', i32, 4, h.rows),
      muni: view('muni', i32, 4, h.rows),
      rowTreatment: view('rowTreatment', (b, o, n) => new Int16Array(b, o, n), 2, h.rows),
      firmStart: view('firmStart', i32, 4, h.firms + 1),
      treatmentColumn: view('treatmentColumn', i32, 4, h.firms),
      enterprise,
      naceDict: h.naceDict,
      muniDict: h.muniDict,
      minYear: h.minYear,
      maxYear: h.maxYear,
      timing: { source: 'file', ms: 0, copy: 0, parse: 0 },
    };
  } catch {
    return null;
  }
}
