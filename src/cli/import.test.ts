import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../modules/imports/imports.service.ts';
import { printImportReport } from './import.ts';

const base: ImportReport = {
  ok: false,
  written: false,
  dryRun: false,
  format: 'csv',
  encoding: 'windows-1252',
  delimiter: ';',
  rows: 3,
  valid: 2,
  created: 0,
  matched: 0,
  membershipsAdded: 0,
  membershipsClosed: 0,
  errors: [
    {
      path: 'row 3 / column "BCE"',
      row: 3,
      column: 'BCE',
      value: '0123.456.748',
      message: '"0123.456.748" fails the mod-97 check: the last two digits should be 49, not 48',
    },
  ],
  warnings: [{ path: 'row 1', row: 1, message: 'no "type" column: every row is taken as "enterprise"' }],
  unknownColumns: ['Remarques'],
  durationMs: 12,
  phases: { read: 1, validate: 2, write: 0 },
};

const print = (r: ImportReport) => {
  const lines: string[] = [];
  printImportReport(r, (s) => lines.push(s));
  return lines;
};

describe('printImportReport (the CLI report)', () => {
  it('names the file format, each problem with its value, the warnings, and that nothing was written', () => {
    expect(print(base)).toEqual([
      'CSV (windows-1252, delimiter ";"): 3 row(s), 2 valid.',
      '  ✗ row 3 / column "BCE": "0123.456.748" fails the mod-97 check: the last two digits should be 49, not 48 [0123.456.748]',
      '  ! row 1: no "type" column: every row is taken as "enterprise"',
      '  (columns ignored: Remarques)',
      'Rejected: 1 problem(s); nothing was written. Fix the file, or use --keep-valid to import only the valid rows.',
    ]);
  });

  it('says what was written (--keep-valid) and what would be (--dry-run)', () => {
    const kept = print({ ...base, written: true, created: 2, membershipsAdded: 2 });
    expect(kept.at(-1)).toBe(
      'Written: 2 created, 0 matched and updated, 2 membership(s) added, 0 closed (12 ms).',
    );
    const dry = print({
      ...base,
      ok: true,
      errors: [],
      dryRun: true,
      created: 1,
      matched: 1,
      format: 'xlsx',
    });
    expect(dry[0]).toBe('XLSX: 3 row(s), 2 valid.');
    expect(dry.at(-1)).toBe('Dry run: would create 1, update 1; nothing written.');
  });

  it('shows a tab delimiter by name and caps a long list of problems', () => {
    const errors = Array.from({ length: 250 }, (_, i) => ({ path: `row ${i + 2}`, message: 'bad' }));
    const lines = print({ ...base, delimiter: '\t', errors, warnings: [], unknownColumns: [] });
    expect(lines[0]).toBe('CSV (windows-1252, delimiter "tab"): 3 row(s), 2 valid.');
    expect(lines.filter((l) => l.startsWith('  ✗'))).toHaveLength(200);
    expect(lines).toContain('  … and 50 more problem(s)');
  });
});
