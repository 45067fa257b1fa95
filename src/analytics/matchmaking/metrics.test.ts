import { describe, expect, it } from 'vitest';
import { expectedHit, expectedReciprocalRank, positionOf, summarise } from './metrics.ts';

describe('ranking metrics (hand-computed)', () => {
  it('places the target among ties and computes expected hit@k and reciprocal rank', () => {
    // target 1 scores 0.5: one candidate above (0.9), two tied (2 and 4) → rank uniform on {2, 3, 4}
    const p = positionOf([0.9, 0.5, 0.5, 0.3, 0.5], [1, 1, 1, 1, 1], 1);
    expect(p).toEqual({ greater: 1, ties: 2 });
    expect(expectedHit(p, 2)).toBeCloseTo(1 / 3, 12);
    expect(expectedHit(p, 10)).toBe(1);
    expect(expectedHit(p, 1)).toBe(0);
    expect(expectedReciprocalRank(p)).toBeCloseTo((1 / 2 + 1 / 3 + 1 / 4) / 3, 12);
  });

  it('ignores non-candidates (the consortium)', () => {
    expect(positionOf([0.9, 0.5, 0.7], [0, 1, 1], 1)).toEqual({ greater: 1, ties: 0 });
  });

  it('summarises hit@10 and MRR over rankings', () => {
    // ranks 1, 12 and uniform {2,3,4}: hit@10 = (1 + 0 + 1)/3, MRR = (1 + 1/12 + 13/36)/3 = 13/27
    const s = summarise([
      { greater: 0, ties: 0 },
      { greater: 11, ties: 0 },
      { greater: 1, ties: 2 },
    ]);
    expect(s.hit10).toBeCloseTo(2 / 3, 12);
    expect(s.mrr).toBeCloseTo(13 / 27, 12);
    expect(s.meanRank).toBeCloseTo((1 + 12 + 3) / 3, 12);
  });

  it('gives an all-tie ranking exactly the random baseline, also for long lists', () => {
    const p = { greater: 0, ties: 999 };
    expect(expectedHit(p, 10)).toBeCloseTo(10 / 1000, 12);
    let h = 0;
    for (let i = 1; i <= 1000; i++) h += 1 / i;
    expect(expectedReciprocalRank(p)).toBeCloseTo(h / 1000, 10);
    expect(expectedReciprocalRank({ greater: 70, ties: 5 })).toBeCloseTo(
      (1 / 71 + 1 / 72 + 1 / 73 + 1 / 74 + 1 / 75 + 1 / 76) / 6,
      12,
    );
  });
});
