import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvAsParquet } from '../../test/helpers/parquet.ts';
import { runImpact } from './impact.ts';

/**
 * The commands run in-process on small files written to a temporary folder; the numbers are the
 * published ones (sources in ../shared/data/validation/*\/SOURCE.txt), tolerances stated per test.
 */
const VALIDATION = join(import.meta.dirname, '../../../shared/data/validation');
const dir = mkdtempSync(join(tmpdir(), 'polaris-impact-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A copy of a validation CSV with an extra column computed per row (row as a name → text map). */
function derived(
  source: string,
  name: string,
  extra: Record<string, (r: Record<string, string>) => string>,
): string {
  const [head, ...rows] = readFileSync(join(VALIDATION, source), 'utf8').trim().split('\n');
  const cols = head!.split(',').map((c) => c.replace(/"/g, ''));
  const out = [[...cols, ...Object.keys(extra)].join(',')];
  for (const line of rows) {
    const cells = line.split(',');
    const r = Object.fromEntries(cols.map((c, i) => [c, cells[i]!.replace(/"/g, '')]));
    out.push([...cells, ...Object.values(extra).map((f) => f(r))].join(','));
  }
  return write(name, `${out.join('\n')}\n`);
}

/** The argv of `polaris impact <command>`: each option in the order given, `true` for a bare flag. */
function argv(command: string, options: Record<string, string | true>): string[] {
  const args = [command];
  for (const [name, value] of Object.entries(options)) {
    args.push(`--${name}`);
    if (value !== true) args.push(value);
  }
  return args;
}

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runImpact(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

describe('polaris impact did', () => {
  const kielmc = derived('panels-econ/kielmc.csv', 'kielmc.csv', {});

  it('Wooldridge Example 13.3: −11,863.90 (SE 7,456.65), classic OLS; to 0.01', async () => {
    const r = await run(
      argv('did', { panel: kielmc, outcome: 'rprice', treated: 'nearinc', post: 'y81', json: true }),
    );
    expect(r.code).toBe(0);
    const j = r.json();
    expect(Math.abs(j.att - -11863.9)).toBeLessThan(0.01);
    expect(Math.abs(j.se - 7456.65)).toBeLessThan(0.01);
    expect(j.n).toBe(321);
    expect(j.coefficients.map((c: { name: string }) => c.name)).toEqual([
      '(Intercept)',
      'nearinc',
      'y81',
      'nearinc:y81',
    ]);
  });

  it('the Parquet version of the same panel prints the same JSON (row groups of 50 rows)', async () => {
    const parquet = write('kielmc.parquet', csvAsParquet(readFileSync(kielmc, 'utf8'), { rowGroupSize: 50 }));
    const args = (panel: string) =>
      argv('did', {
        panel,
        outcome: 'rprice',
        treated: 'nearinc',
        post: 'y81',
        covariates: 'age,agesq',
        json: true,
      });
    const a = await run(args(kielmc));
    const b = await run(args(parquet));
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(a.json().n).toBe(321);
  });

  it('Card & Krueger Table 3, balanced sample: 2.75 (SE 1.34) from the table of means; to 0.005', async () => {
    const ck = derived('card-krueger/card-krueger.csv', 'ck.csv', {});
    const r = await run(
      argv('did', {
        panel: ck,
        outcome: 'fte',
        treated: 'nj',
        post: 'd',
        id: 'id',
        balanced: true,
        json: true,
      }),
    );
    expect(r.code).toBe(0);
    const j = r.json();
    expect(Math.abs(j.means.did.att - 2.75)).toBeLessThan(0.005);
    expect(Math.abs(j.means.did.se - 1.34)).toBeLessThan(0.005);
    // the regression on the same rows gives the same point estimate, SE clustered by store
    expect(j.att).toBeCloseTo(2.75, 10);
    expect(j.vcov).toBe('cluster');
    expect(j.clusters).toBe(384);
  });

  it('the text report is French first with Belgian numbers', async () => {
    const r = await run(argv('did', { panel: kielmc, outcome: 'rprice', treated: 'nearinc', post: 'y81' }));
    expect(r.stdout).toMatch(/Différence de différences/);
    expect(r.stdout).toMatch(/-11\s863,90/);
  });
});

describe('polaris impact twfe', () => {
  const organ = derived('panels-econ/organ_donations.csv', 'organ.csv', {
    treated: (r) => (r.State === 'California' && Number(r.Quarter_Num) >= 4 ? '1' : '0'),
  });

  it('organ donations: −0.0225, CR1 SE 0.00672 (K counts every effect); to 5e-5 and 5e-6', async () => {
    const r = await run(
      argv('twfe', {
        panel: organ,
        id: 'State',
        time: 'Quarter_Num',
        outcome: 'Rate',
        treated: 'treated',
        json: true,
      }),
    );
    expect(r.code).toBe(0);
    const j = r.json();
    expect(Math.abs(j.att - -0.0225)).toBeLessThan(5e-5);
    expect(Math.abs(j.se - 0.00672)).toBeLessThan(5e-6);
    expect(j.clusters).toBe(27);
    expect(j.absorbedDof).toBe(27 + 6 - 1);
  });

  it('Grunfeld firm effects: 0.1101 (0.0119), 0.3101 (0.0174); to 5e-5', async () => {
    const g = derived('panels-econ/Grunfeld.csv', 'grunfeld.csv', {});
    const r = await run(
      argv('twfe', {
        panel: g,
        id: 'firm',
        time: 'year',
        outcome: 'inv',
        treated: 'value',
        covariates: 'capital',
        effects: 'unit',
        se: 'classic',
        json: true,
      }),
    );
    expect(r.code).toBe(0);
    const [value, capital] = r.json().coefficients;
    expect(Math.abs(value.estimate - 0.1101)).toBeLessThan(5e-5);
    expect(Math.abs(value.se - 0.0119)).toBeLessThan(5e-5);
    expect(Math.abs(capital.estimate - 0.3101)).toBeLessThan(5e-5);
    expect(Math.abs(capital.se - 0.0174)).toBeLessThan(5e-5);
  });
});

describe('polaris impact attgt', () => {
  it('two periods, no covariates: ATT(g, t) is the balanced Card & Krueger DiD of means 2.75', async () => {
    const ck = derived('card-krueger/card-krueger.csv', 'ck-attgt.csv', {
      period: (r) => String(Number(r.d) + 1),
      cohort: (r) => (r.nj === '1' ? '2' : '0'),
    });
    const r = await run(
      argv('attgt', {
        panel: ck,
        id: 'id',
        time: 'period',
        outcome: 'fte',
        cohort: 'cohort',
        method: 'reg',
        json: true,
      }),
    );
    expect(r.code).toBe(0);
    const j = r.json();
    expect(j.attgt).toHaveLength(1);
    expect(j.attgt[0]).toMatchObject({ group: 2, time: 2 });
    expect(j.attgt[0].att).toBeCloseTo(2.75, 10);
    // the influence-function SE is the unequal-variance one up to n/(n − 1) factors: within 1 %
    expect(Math.abs(j.attgt[0].se / 1.3423 - 1)).toBeLessThan(0.01);
    for (const k of ['simple', 'group', 'dynamic', 'calendar'])
      expect(j.aggregates[k].att).toBeCloseTo(2.75, 10);
    expect(j.aggregates.dynamic.rows[0]).toMatchObject({ event: 0 });
    expect(j.aggregates.group.rows[0]).toMatchObject({ group: 2 });
    expect(j.aggregates.calendar.rows[0]).toMatchObject({ time: 2 });
    // the 26 stores without both waves' FTE are dropped by attGt (missing outcome), with a warning
    expect(j.n).toBe(384);
    expect(j.warnings.join(' ')).toMatch(/missing|dropped/i);
  });

  it('drops units missing a period with a warning, and rejects a cohort varying within a unit', async () => {
    // 8 never-treated units, 6 treated in 2002, 6 in 2003, and unit "c" seen only in 2001–2002
    const rows = ['firm,year,y,g'];
    for (let u = 0; u < 20; u++) {
      const g = u < 8 ? 0 : u < 14 ? 2002 : 2003;
      for (const t of [2001, 2002, 2003])
        rows.push(
          `u${u},${t},${(u % 5) + (t - 2001) * 0.5 + (g > 0 && t >= g ? 2 : 0) + ((u * 7 + t) % 3) * 0.1},${g}`,
        );
    }
    rows.push('c,2001,1,0', 'c,2002,1.5,0');
    const ok = await run(
      argv('attgt', {
        panel: write('short.csv', rows.join('\n')),
        id: 'firm',
        time: 'year',
        outcome: 'y',
        cohort: 'g',
        json: true,
      }),
    );
    expect(ok.code).toBe(0);
    expect(ok.json().warnings[0]).toMatch(/1 unit\(s\) not observed in every one of the 3 periods.*ids: c/);
    const bad = [...rows.slice(0, 9), 'u2,2003,5,2003'].join('\n');
    const r = await run(
      argv('attgt', { panel: write('bad.csv', bad), id: 'firm', time: 'year', outcome: 'y', cohort: 'g' }),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/row 10 \/ column "g".*cohort of id "u2" varies/);
  });
});

describe('bad input', () => {
  const file = write('small.csv', 'id;t;y;d\nA;1;1,5;0\nA;2;2,5;1\nB;1;abc;0\nB;2;3;1\n');

  it('a cell that is not a number: row and column, exit 1', async () => {
    const r = await run(argv('twfe', { panel: file, id: 'id', time: 't', outcome: 'y', treated: 'd' }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/row 4 \/ column "y": not a number \[abc\]/);
    // Parquet rows are data rows numbered from 1: the same cell is row 3
    const parquet = write(
      'small.parquet',
      csvAsParquet('id;t;y;d\nA;1;1.5;0\nA;2;2.5;1\nB;1;abc;0\nB;2;3;1', { delimiter: ';' }),
    );
    const p = await run(argv('twfe', { panel: parquet, id: 'id', time: 't', outcome: 'y', treated: 'd' }));
    expect(p.code).toBe(1);
    expect(p.stderr).toMatch(/row 3 \/ column "y": not a number \[abc\]/);
  });

  it('a missing column is named with the columns found', async () => {
    const r = await run(argv('did', { panel: file, outcome: 'fte', treated: 'd', post: 't' }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/column "fte": not found; the columns are: "id", "t", "y", "d"/);
  });

  it('an unknown option value, a missing required option, a missing file', async () => {
    const a = await run(
      argv('attgt', { panel: file, id: 'id', time: 't', outcome: 'y', cohort: 'd', control: 'sometimes' }),
    );
    expect(a.code).toBe(1);
    expect(a.stderr).toMatch(/--control "sometimes" is not one of: never, notyet/);
    const b = await run(argv('did', { panel: file, outcome: 'y' }));
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/required option '--treated <col>' not specified/);
    const c = await run(argv('did', { panel: join(dir, 'nope.csv'), outcome: 'y', treated: 'd', post: 't' }));
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(/no such file/);
  });
});
