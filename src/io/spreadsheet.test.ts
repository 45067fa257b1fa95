import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../domain/errors.ts';
import { decodeText, detectDelimiter, readSheet } from './spreadsheet.ts';

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('decodeText', () => {
  it('reads UTF-8 and drops the byte-order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('Nom\nLiège', 'utf8')]);
    expect(decodeText(bytes)).toEqual({ text: 'Nom\nLiège', encoding: 'utf-8' });
  });

  it('reads Windows-1252 bytes (Belgian Excel) when they are not valid UTF-8', () => {
    expect(decodeText(Buffer.from('Liège', 'latin1'))).toEqual({ text: 'Liège', encoding: 'windows-1252' });
    expect(Buffer.from('Liège', 'latin1')).toEqual(Buffer.from([0x4c, 0x69, 0xe8, 0x67, 0x65]));
  });

  it('reads the Windows-1252 characters Latin-1 lacks (€ is 0x80, ’ is 0x92)', () => {
    const bytes = new Uint8Array([
      ...Buffer.from('Soci', 'latin1'),
      0xe9,
      0x74,
      0xe9,
      0x20,
      0x80,
      0x20,
      0x92,
    ]);
    expect(decodeText(bytes).text).toBe('Société € ’');
  });
});

describe('detectDelimiter', () => {
  it.each([
    ["Nom;Numéro d'entreprise;Effectif", ';'],
    ['Nom,BCE,Effectif', ','],
    ['Nom\tBCE\tEffectif', '\t'],
    ['Nom;Adresse, rue;Effectif', ';'],
    ['Nom', ','],
  ])('%j → %j', (line, d) => {
    expect(detectDelimiter(line)).toBe(d);
  });
});

describe('readSheet — CSV', () => {
  it('reads a semicolon CSV in UTF-8 with BOM and CRLF, with quoted cells', () => {
    const sheet = readSheet(
      utf8('\uFEFFNom;Adresse;Effectif\r\n"Dupont; Fils";"Rue de Liège, 1";12\r\nIBA;;1 234\r\n'),
    );
    return expect(sheet).resolves.toEqual({
      format: 'csv',
      encoding: 'utf-8',
      delimiter: ';',
      headers: ['Nom', 'Adresse', 'Effectif'],
      rows: [
        { line: 2, cells: ['Dupont; Fils', 'Rue de Liège, 1', '12'] },
        { line: 3, cells: ['IBA', '', '1 234'] },
      ],
    });
  });

  it('reads a Windows-1252 comma CSV and keeps spreadsheet row numbers across blank lines', async () => {
    const sheet = await readSheet(Buffer.from('Nom,Commune\nSociété A,Liège\n\n,\nB,Mons\n', 'latin1'));
    expect(sheet.encoding).toBe('windows-1252');
    expect(sheet.delimiter).toBe(',');
    expect(sheet.rows).toEqual([
      { line: 2, cells: ['Société A', 'Liège'] },
      { line: 5, cells: ['B', 'Mons'] },
    ]);
  });

  it.each([
    ['an empty file', new Uint8Array(0), 'the file has 0 bytes'],
    ['a file of blanks', utf8(' \r\n \n'), 'no header row and no data'],
    ['a file of only a BOM', new Uint8Array([0xef, 0xbb, 0xbf]), 'no header row and no data'],
  ])('refuses %s', async (_label, bytes, detail) => {
    const err = await readSheet(bytes).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err).toMatchObject({ message: 'The file is empty', details: [{ path: 'file', message: detail }] });
  });

  it('refuses a CSV with an unclosed quote, naming the row', async () => {
    const err = await readSheet(utf8('Nom;BCE\nA;1\n"B;2\n')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).message).toBe('The CSV file cannot be read');
    expect((err as ValidationError).details[0]?.path).toMatch(/^row \d+$/);
  });
});

describe('readSheet — XLSX', () => {
  it('reads the first sheet as text: numbers, dates, rich text and formulas', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Membres');
    wb.addWorksheet('Autre').addRow(['ignored']);
    ws.addRow(['Nom', 'Effectif', 'Adhésion', 'Total']);
    ws.addRow([
      { richText: [{ text: 'Liè' }, { text: 'ge SA' }] },
      12,
      new Date(Date.UTC(2017, 11, 31)),
      { formula: 'B2*2', result: 24 },
    ]);
    ws.addRow([]);
    ws.addRow(['Mons Tech', null, '31/12/2018', null]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const sheet = await readSheet(bytes);
    expect(sheet).toEqual({
      format: 'xlsx',
      headers: ['Nom', 'Effectif', 'Adhésion', 'Total'],
      rows: [
        { line: 2, cells: ['Liège SA', '12', '2017-12-31', '24'] },
        { line: 4, cells: ['Mons Tech', '', '31/12/2018'] },
      ],
    });
  });

  it('refuses a damaged XLSX', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]);
    await expect(readSheet(bytes)).rejects.toMatchObject({ message: 'The XLSX file cannot be read' });
  });
});
