import { describe, expect, it } from 'vitest';
import { affinity, affinityMatrix, terms } from './text-affinity.ts';

describe('expertise affinity', () => {
  it('normalises accents, case, plurals and drops stop words', () => {
    expect(terms('Les Matériaux composites pour l’Aéronautique')).toEqual([
      'materiau',
      'composite',
      'aeronautique',
    ]);
  });
  it('is a cosine on term sets: 1 for the same terms, 0 for none in common', () => {
    expect(affinity(['a1bc', 'b2cd'], ['b2cd', 'a1bc'])).toBe(1);
    expect(affinity(['a1bc'], ['zzzz'])).toBe(0);
    expect(affinity([], ['zzzz'])).toBe(0);
    expect(affinity(['aaaa', 'bbbb'], ['aaaa', 'cccc', 'dddd', 'eeee'])).toBeCloseTo(1 / Math.sqrt(8), 15);
  });
  it('fills a row-major P×R matrix', () => {
    const m = affinityMatrix([['aaaa'], ['bbbb']], [['aaaa'], ['bbbb'], ['cccc']]);
    expect([...m]).toEqual([1, 0, 0, 0, 1, 0]);
  });
});
