import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks', () => {
    const text = 'Nom;Adresse\r\n"Aéro ""Plus"" SA";"Rue A; 1\nB-4000 Liège"\r\nBio;\n';
    expect(parseCsv(text, ';')).toEqual([
      ['Nom', 'Adresse'],
      ['Aéro "Plus" SA', 'Rue A; 1\nB-4000 Liège'],
      ['Bio', ''],
    ]);
  });

  it('handles CR line ends, a missing final line end and a trailing delimiter', () => {
    expect(parseCsv('a,b\rc,d', ',')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseCsv('a,', ',')).toEqual([['a', '']]);
  });

  it('names the row of a quote that is never closed', () => {
    expect(() => parseCsv('a;b\n"open;c\n', ';')).toThrow(CsvSyntaxError);
    try {
      parseCsv('a;b\nx;y\n"open;c\n', ';');
    } catch (e) {
      expect((e as CsvSyntaxError).record).toBe(3);
    }
  });

  it('agrees with csv-parse on arbitrary tables (property test)', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', 'é', ' ', ';', ',', '"', '\n', '\r\n', '1'),
      maxLength: 8,
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(';', ','),
        (table, delim) => {
          const width = table[0]!.length;
          const rows = table.map((r) =>
            r.slice(0, width).concat(Array(Math.max(0, width - r.length)).fill('')),
          );
          const text = rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(delim)).join('\r\n');
          const expected = parse(text, { delimiter: delim, relax_column_count: true }) as string[][];
          expect(parseCsv(text, delim)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
