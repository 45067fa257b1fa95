import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvAsParquet } from '../../test/helpers/parquet.ts';
import { ValidationError } from '../domain/errors.ts';
import { readPanelFile, toBalancedPanel, toLongPanel, wholeNumbers } from './panel-file.ts';

const enc = (s: string) => new TextEncoder().encode(s);

async function failure(p: Promise<unknown> | (() => unknown)): Promise<ValidationError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('readPanelFile', () => {
  it('reads only the asked columns: plain numbers, Belgian decimals, missing markers', async () => {
    const f = await readPanelFile(
      enc('firme;année;etp;ignored\nA;2020;1.234,5;x\nA;2021;NA;y\nB;2020;;z\nB;2021;-3e2;w\n'),
      {
        numbers: ['année', 'etp'],
        labels: ['firme'],
      },
    );
    expect(f.format).toBe('csv');
    expect(f.rows).toBe(4);
    expect(Array.from(f.lines)).toEqual([2, 3, 4, 5]);
    expect(Array.from(f.numbers.etp!)).toEqual([1234.5, Number.NaN, Number.NaN, -300]);
    expect(f.labels.firme).toEqual(['A', 'A', 'B', 'B']);
  });

  it('the quote-free fast path and the general parser agree, blank lines counted in row numbers', async () => {
    const plain = await readPanelFile(enc('id,y\r\na,1\r\n\r\nb,2,extra\r\nc\r\n'), {
      numbers: ['y'],
      labels: ['id'],
    });
    const quoted = await readPanelFile(enc('id,y\r\n"a",1\r\n\r\nb,"2",extra\r\nc\r\n'), {
      numbers: ['y'],
      labels: ['id'],
    });
    for (const f of [plain, quoted]) {
      expect(Array.from(f.lines)).toEqual([2, 4, 5]);
      expect(f.labels.id).toEqual(['a', 'b', 'c']);
      expect(Array.from(f.numbers.y!)).toEqual([1, 2, Number.NaN]);
    }
  });

  it('finds columns regardless of case and surrounding spaces; Windows-1252 bytes decode', async () => {
    const bytes = Uint8Array.from([...enc('Id, Ann'), 0xe9, ...enc('e ,Y\n1,2020,0.5\n')]);
    const f = await readPanelFile(bytes, { numbers: ['année', 'y'], labels: ['id'] });
    expect(f.numbers.année![0]).toBe(2020);
  });

  it('reads Parquet by its magic bytes: the same columns as the CSV, rows numbered from 1', async () => {
    const text = 'firm;Année;etp\n403170701;2020;1.5\n403170701;2021;\n7100123;2020;-300\n';
    const csv = await readPanelFile(enc(text), { numbers: ['année', 'etp'], labels: ['firm'] });
    const pq = await readPanelFile(csvAsParquet(text, { delimiter: ';', types: { firm: 'INT64' } }), {
      numbers: ['année', 'etp'],
      labels: ['firm'],
    });
    expect(pq.format).toBe('parquet');
    expect(Array.from(pq.lines)).toEqual([1, 2, 3]);
    expect(pq.labels).toEqual(csv.labels);
    expect(pq.numbers).toEqual(csv.numbers);
  });

  it('reads XLSX (first sheet)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('panel');
    ws.addRows([
      ['id', 'year', 'y'],
      ['a', 2020, 1.5],
      ['b', 2020, 2],
    ]);
    const f = await readPanelFile(new Uint8Array(await wb.xlsx.writeBuffer()), {
      numbers: ['year', 'y'],
      labels: ['id'],
    });
    expect(f.format).toBe('xlsx');
    expect(Array.from(f.numbers.y!)).toEqual([1.5, 2]);
  });

  it('names every non-numeric cell by row and column, and a missing column with the ones found', async () => {
    const e = await failure(readPanelFile(enc('id,y,x\na,1,2\nb,deux,3\nc,4,x5\n'), { numbers: ['y', 'x'] }));
    expect(e.message).toMatch(/2 cell\(s\) that are not numbers \(first: row 3, column "y"\)/);
    expect(e.details).toEqual([
      { path: 'row 3 / column "y"', row: 3, column: 'y', value: 'deux', message: 'not a number' },
      { path: 'row 4 / column "x"', row: 4, column: 'x', value: 'x5', message: 'not a number' },
    ]);
    const m = await failure(readPanelFile(enc('id,y\na,1\n'), { numbers: ['fte'] }));
    expect(m.details[0]).toMatchObject({ column: 'fte', message: 'not found; the columns are: "id", "y"' });
  });
});

describe('panels from a file', () => {
  const csv = 'id,t,y,g,x\nA,1,1,2,0.1\nA,2,3,2,0.2\nB,1,2,0,0.3\nB,2,2.5,0,0.4\nC,2,9,0,0.5\n';

  it('long panel: dense ids, whole-number periods; a fractional period or a duplicate is an error', async () => {
    const f = await readPanelFile(enc(csv), { numbers: ['t', 'y'], labels: ['id'] });
    const long = toLongPanel(f, { id: 'id', time: 't' });
    expect(Array.from(long.unit)).toEqual([0, 0, 1, 1, 2]);
    expect(long.labels).toEqual(['A', 'B', 'C']);
    const frac = await readPanelFile(enc('id,t\nA,1.5\n'), { numbers: ['t'], labels: ['id'] });
    expect((await failure(() => wholeNumbers(frac, 't'))).details[0]).toMatchObject({
      row: 2,
      column: 't',
      message: 'not a whole number',
    });
    const dup = await readPanelFile(enc('id,t\nA,1\nA,1\n'), { numbers: ['t'], labels: ['id'] });
    expect((await failure(() => toLongPanel(dup, { id: 'id', time: 't' }))).details[0]!.message).toMatch(
      /id "A" appears twice in period 1 \(rows 2 and 3\)/,
    );
  });

  it('balanced wide panel: unit C (one period) dropped with a warning, covariates laid out N × T', async () => {
    const f = await readPanelFile(enc(csv), { numbers: ['t', 'y', 'g', 'x'], labels: ['id'] });
    const { panel, warnings, droppedIds } = toBalancedPanel(f, {
      id: 'id',
      time: 't',
      outcome: 'y',
      cohort: 'g',
      covariates: ['x'],
    });
    expect(panel.units).toBe(2);
    expect(Array.from(panel.periods)).toEqual([1, 2]);
    expect(Array.from(panel.y)).toEqual([1, 3, 2, 2.5]);
    expect(Array.from(panel.cohort)).toEqual([2, 0]);
    expect(Array.from(panel.covariates!.values[0]!)).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(panel.labels).toEqual(['A', 'B']);
    expect(droppedIds).toEqual(['C']);
    expect(warnings[0]).toMatch(/1 unit\(s\) not observed in every one of the 2 periods/);
  });
});
