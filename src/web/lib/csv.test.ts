import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

describe('toCsv', () => {
  it('writes a BOM, semicolons, CRLF and quotes only what needs it', () => {
    expect(
      toCsv(
        ['Année', 'Membres'],
        [
          [2006, 2],
          ['a;b', 'say "hi"'],
          [null, 0],
        ],
      ),
    ).toBe('\ufeffAnnée;Membres\r\n2006;2\r\n"a;b";"say ""hi"""\r\n;0\r\n');
  });
});
