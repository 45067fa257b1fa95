import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `polaris matchmaking evaluate --participations` run as a user runs it (a child process, no
 * database) on a tiny CORDIS file whose leave-one-out answer is computed by hand:
 *
 *   2014: D E (twice: two-partner projects, history only)   2015: A B C   2016: A B C
 *
 * 2015, each of A, B, C hidden: the graph knows none of them; D and E (2 projects each) rank above
 * the hidden one for both methods → rank 3 (1/3). 2016: the hidden one worked with both others →
 * recommender rank 1; popularity still puts D and E (2 projects) above it (1 project) → rank 3.
 * Recommender: hit@10 = 1, MRR = (3·1/3 + 3·1)/6 = 2/3; popularity: hit@10 = 1, MRR = 1/3.
 */

const tmp = mkdtempSync(join(tmpdir(), 'polaris-mm-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PIC = { A: '900000001', B: '900000002', C: '900000003', D: '900000004', E: '900000005' };
const rows = [
  ['1', 'coordinator', PIC.D, 'PRC', '2014-01-01', '2015-12-31'],
  ['1', 'participant', PIC.E, 'REC', '2014-01-01', '2015-12-31'],
  ['2', 'coordinator', PIC.E, 'REC', '2014-01-01', '2015-12-31'],
  ['2', 'participant', PIC.D, 'PRC', '2014-01-01', '2015-12-31'],
  ['3', 'coordinator', PIC.A, 'HES', '2015-01-01', '2016-12-31'],
  ['3', 'participant', PIC.B, 'PRC', '2015-01-01', '2016-12-31'],
  ['3', 'participant', PIC.C, 'PRC', '2015-01-01', '2016-12-31'],
  ['4', 'coordinator', PIC.B, 'PRC', '2016-01-01', '2017-12-31'],
  ['4', 'participant', PIC.A, 'HES', '2016-01-01', '2017-12-31'],
  ['4', 'participant', PIC.C, 'PRC', '2016-01-01', '2017-12-31'],
];
const csv = `rcn,role,pic,type,contribution,country,start_date,end_date\n${rows
  .map(([rcn, role, pic, type, s, e]) => `${rcn},${role},${pic},${type},1000,BE,${s},${e}`)
  .join('\n')}\n`;

function polaris(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['bin/polaris.mjs', ...args],
      { cwd: process.cwd(), env: { ...process.env, DATABASE_URL: '' } },
      (err, stdout, stderr) =>
        done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('polaris matchmaking evaluate (child process)', () => {
  it('evaluates a CORDIS file: hit@10 and MRR of the recommender and the baselines, by hand', async () => {
    const file = join(tmp, 'tiny.csv');
    writeFileSync(file, csv);
    const r = await polaris('matchmaking', 'evaluate', '--participations', file, '--json', '--novelty', '0');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.projects).toBe(2);
    expect(report.queries).toBe(6);
    expect(report.organisations).toBe(5);
    expect(report.coldStart).toBe(3);
    expect(report.methods.recommender.hit10).toBe(1);
    expect(report.methods.recommender.mrr).toBeCloseTo(2 / 3, 4);
    expect(report.methods.popularity.hit10).toBe(1);
    expect(report.methods.popularity.mrr).toBeCloseTo(1 / 3, 4);
    expect(report.methods.text).toBeNull();
    const text = await polaris('matchmaking', 'evaluate', '--participations', file, '--novelty', '0');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/recommender\s+1\.000\s+0\.667/);
    expect(text.stdout).toMatch(/popularity\s+1\.000\s+0\.333/);
  });

  it('rejects a file that is not in the CORDIS format, naming the problem', async () => {
    const file = join(tmp, 'bad.csv');
    writeFileSync(file, 'rcn,role,pic\n1,coordinator,12\n');
    const r = await polaris('matchmaking', 'evaluate', '--participations', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/missing type/);
    const bad = await polaris('matchmaking', 'evaluate', '--participations', join(tmp, 'none.csv'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/cannot read/);
  });
});
