import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize.ts';

describe('tokenize', () => {
  it('folds accents, drops stop words, stems plurals the same way, keeps the written form', () => {
    const a = tokenize('Les matériaux composites pour l’aéronautique');
    const b = tokenize('matériau composite, aéronautiques');
    const terms = (t: typeof a) => t.map((x) => x.term);
    expect(terms(a)).toEqual(['materiau', 'composite', 'materiau composite', 'aeronautique']);
    expect(terms(b)).toEqual(['materiau', 'composite', 'materiau composite', 'aeronautique']);
    expect(a[2]!.surface).toBe('matériaux composites');
  });

  it('stems -aux, -eaux and English plurals', () => {
    expect(tokenize('réseaux canaux technologies batteries').map((t) => t.term)).toEqual([
      'reseau',
      'canal',
      'reseau canal',
      'technology',
      'canal technology',
      'battery',
      'technology battery',
    ]);
  });
});
