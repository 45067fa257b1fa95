import { describe, expect, it } from 'vitest';
import { formatNaceCode, naceSection, parseNaceCode, splitNaceList } from './nace.ts';

describe('parseNaceCode', () => {
  it.each([
    ['62.010', '62010'],
    ['62010', '62010'],
    ['25.62', '2562'],
    ['01.110', '01110'],
    [' 72.1 ', '721'],
    ['62', '62'],
    ['C', 'C'],
    ['j', 'J'],
  ])('reads %j as %j', (input, value) => {
    expect(parseNaceCode(input)).toEqual({ ok: true, value });
  });

  it.each(['6', '620100', 'V', 'AB', '62-010', 'abc', ''])(
    'refuses %j with an example of the syntax',
    (input) => {
      const r = parseNaceCode(input);
      expect(r.ok).toBe(false);
      expect(r.ok ? '' : r.reason).toBe(
        `"${input.trim()}" is not a NACE-BEL code (a section letter or 2 to 5 digits, e.g. 62.010)`,
      );
    },
  );
});

describe('naceSection', () => {
  it.each([
    ['01110', 'A'],
    ['03', 'A'],
    ['05', 'B'],
    ['10', 'C'],
    ['2562', 'C'],
    ['33', 'C'],
    ['35', 'D'],
    ['36', 'E'],
    ['41', 'F'],
    ['47', 'G'],
    ['62010', 'J'],
    ['72190', 'M'],
    ['85', 'P'],
    ['99000', 'U'],
    ['C', 'C'],
  ])('%s is in section %s', (code, section) => {
    expect(naceSection(code)).toBe(section);
  });

  it.each(['04', '34', '40', '44', '48', '54', '57', '67', '76', '83', '89'])(
    'division %s does not exist in NACE Rev. 2',
    (code) => {
      expect(naceSection(code)).toBeNull();
    },
  );
});

describe('splitNaceList and formatNaceCode', () => {
  it('splits a cell on ; , and |, dropping blanks', () => {
    expect(splitNaceList('62010; 62.020, 70.22 | ;')).toEqual(['62010', '62.020', '70.22']);
    expect(splitNaceList('')).toEqual([]);
  });

  it('writes the dotted display form', () => {
    expect(formatNaceCode('62010')).toBe('62.010');
    expect(formatNaceCode('2562')).toBe('25.62');
    expect(formatNaceCode('62')).toBe('62');
    expect(formatNaceCode('C')).toBe('C');
  });
});
