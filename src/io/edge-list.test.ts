import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../domain/errors.ts';
import { MAX_REPORTED, parseWeight, readEdgeList, readTwoModeList } from './edge-list.ts';

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

async function rejection(p: Promise<unknown>): Promise<ValidationError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('parseWeight', () => {
  it.each([
    ['4', 4],
    [' 0.5 ', 0.5],
    ['0,5', 0.5],
    ['1e-3', 0.001],
    ['+2', 2],
    ['.25', 0.25],
  ])('reads %j as %d', (raw, w) => expect(parseWeight(raw)).toBe(w));

  it.each([
    ['', /empty/],
    ['abc', /not a number/],
    ['1.234,5', /not a number/],
    ['-1', /negative/],
    ['0', /weight is 0/],
  ])('refuses %j', (raw, reason) => expect(parseWeight(raw)).toMatch(reason));
});

describe('readEdgeList', () => {
  it('reads source,target,weight with the default column names', async () => {
    const r = await readEdgeList(utf8('source,target,weight\na,b,4\nb,c,1.5\n'));
    expect(r.edges).toEqual([
      { source: 'a', target: 'b', weight: 4 },
      { source: 'b', target: 'c', weight: 1.5 },
    ]);
    expect(r).toMatchObject({ format: 'csv', delimiter: ',', rows: 2, weightColumn: 'weight', repeated: 0 });
  });

  it('reads an unweighted list, semicolons or tabs, Windows-1252, and counts repeated edges', async () => {
    const r = await readEdgeList(Buffer.from('source;target\nLiège;Namur\nNamur;Liège\n', 'latin1'));
    expect(r.edges).toEqual([
      { source: 'Liège', target: 'Namur' },
      { source: 'Namur', target: 'Liège' },
    ]);
    expect(r).toMatchObject({ delimiter: ';', encoding: 'windows-1252', weightColumn: null, repeated: 1 });
    const tab = await readEdgeList(utf8('source\ttarget\tweight\nx\ty\t0,5\n'));
    expect(tab.edges).toEqual([{ source: 'x', target: 'y', weight: 0.5 }]);
  });

  it('reads the first sheet of an XLSX file, numbers as the cells hold them', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('liens');
    ws.addRow(['source', 'target', 'weight']);
    ws.addRow([101, 'Skywin', 2.5]);
    ws.addRow([]);
    ws.addRow(['Skywin', 'BioWin', 1]);
    const r = await readEdgeList(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(r.format).toBe('xlsx');
    expect(r.edges).toEqual([
      { source: '101', target: 'Skywin', weight: 2.5 },
      { source: 'Skywin', target: 'BioWin', weight: 1 },
    ]);
  });

  it('takes the column names given, ignoring case and accents', async () => {
    const r = await readEdgeList(utf8('Org A;Org B;Projets communs\n1;2;3\n'), {
      source: 'org a',
      target: 'ORG B',
      weight: 'projets communs',
    });
    expect(r.edges).toEqual([{ source: '1', target: '2', weight: 3 }]);
  });

  it('names a missing column and lists the header row', async () => {
    const e = await rejection(readEdgeList(utf8('from,to\na,b\n')));
    expect(e.details).toHaveLength(2);
    expect(e.details[0]).toMatchObject({ row: 1, column: 'source' });
    expect(e.details[0]!.message).toContain('the header row has: "from", "to"');
    const w = await rejection(readEdgeList(utf8('source,target\na,b\n'), { weight: 'poids' }));
    expect(w.details[0]!.message).toContain('weight column "poids" is missing');
  });

  it('reports every bad row at once with row, column, value and reason', async () => {
    const e = await rejection(
      readEdgeList(utf8('source,target,weight\na,b,1\n,c,1\nd,e,abc\nf,g,-2\nh,h,1\ni,j,1\n')),
    );
    expect(e.message).toMatch(/4 of 6 row\(s\) have problems/);
    expect(e.details.map((d) => [d.row, d.column, d.value])).toEqual([
      [3, 'source', ''],
      [4, 'weight', 'abc'],
      [5, 'weight', '-2'],
      [6, 'target', 'h'],
    ]);
    expect(e.details[0]!.path).toBe('row 3 / column "source"');
    expect(e.details[2]!.message).toMatch(/negative/);
    expect(e.details[3]!.message).toMatch(/self-loops/);
  });

  it('caps the list of problems', async () => {
    const body = Array.from({ length: 250 }, (_, i) => `n${i},,1`).join('\n');
    const e = await rejection(readEdgeList(utf8(`source,target,weight\n${body}\n`)));
    expect(e.details).toHaveLength(MAX_REPORTED + 1);
    expect(e.details.at(-1)!.message).toBe('… and 150 more problem(s)');
  });

  it('refuses an empty file and a header without rows', async () => {
    expect((await rejection(readEdgeList(new Uint8Array()))).message).toMatch(/empty/);
    const e = await rejection(readEdgeList(utf8('source,target\n')));
    expect(e.message).toMatch(/empty/);
    expect(e.details[0]!.message).toContain('followed by no data row');
  });
});

describe('readTwoModeList', () => {
  it('reads affiliations and counts a repeated one once', async () => {
    const r = await readTwoModeList(utf8('woman,event\nAnn,E1\nAnn,E2\nBea,E1\nAnn,E1\n'), {
      left: 'woman',
      right: 'event',
    });
    expect(r.pairs).toEqual([
      { left: 'Ann', right: 'E1' },
      { left: 'Ann', right: 'E2' },
      { left: 'Bea', right: 'E1' },
    ]);
    expect(r.repeated).toBe(1);
  });

  it('names missing columns and empty ids', async () => {
    const m = await rejection(readTwoModeList(utf8('pic,rcn\n1,2\n'), { left: 'org', right: 'rcn' }));
    expect(m.details[0]).toMatchObject({ row: 1, column: 'org' });
    const e = await rejection(readTwoModeList(utf8('pic,rcn\n1,2\n3,\n'), { left: 'pic', right: 'rcn' }));
    expect(e.details).toEqual([
      { path: 'row 3 / column "rcn"', row: 3, column: 'rcn', value: '', message: 'the right id is empty' },
    ]);
  });
});
