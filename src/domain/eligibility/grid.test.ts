import { describe, expect, it } from 'vitest';
import { type EvaluationGrid, gridStage, validateGrid, weightedTotal } from './grid.ts';
import { WALLOON_RD_GRID } from './walloon.ts';

const stage2 = gridStage(WALLOON_RD_GRID, 2)!;

describe('WALLOON_RD_GRID', () => {
  it('has two stages of five criteria on 0–10 whose weights sum to 1', () => {
    expect(WALLOON_RD_GRID.stages.map((s) => s.stage)).toEqual([1, 2]);
    for (const s of WALLOON_RD_GRID.stages) {
      expect(s.criteria.map((c) => c.id).sort()).toEqual([
        'critical_mass',
        'economic_impact',
        'innovation',
        'international_visibility',
        'partnership',
      ]);
      expect(s.criteria.reduce((a, c) => a + c.weight, 0)).toBeCloseTo(1, 12);
    }
  });
});

describe('weightedTotal', () => {
  it('weights the scores', () => {
    const r = weightedTotal(stage2, {
      innovation: 8,
      partnership: 6,
      critical_mass: 5,
      international_visibility: 4,
      economic_impact: 10,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // 0.25·8 + 0.2·6 + 0.2·5 + 0.15·4 + 0.2·10 = 2 + 1.2 + 1 + 0.6 + 2
    expect(r.total).toBeCloseTo(6.8, 12);
    expect(r.normalised).toBeCloseTo(0.68, 12);
    expect(r.contributions).toHaveLength(5);
  });

  it('reports missing, out-of-range and unknown scores', () => {
    const r = weightedTotal(stage2, {
      innovation: 11,
      partnership: Number.NaN,
      critical_mass: 5,
      international_visibility: -1,
      inovation: 7,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path)).toEqual([
      'scores.innovation',
      'scores.partnership',
      'scores.international_visibility',
      'scores.economic_impact',
      'scores.inovation',
    ]);
    expect(r.problems[0]!.message).toBe('score 11 for "Innovation" is outside the scale 0–10');
    expect(r.problems[3]!.message).toBe('missing score for "Economic impact"');
  });

  it('normalises criteria on different scales', () => {
    const r = weightedTotal(
      {
        criteria: [
          { id: 'a', label: { fr: 'A', en: 'A' }, weight: 0.5, scale: { min: 1, max: 5 } },
          { id: 'b', label: { fr: 'B', en: 'B' }, weight: 0.5, scale: { min: 0, max: 100 } },
        ],
      },
      { a: 5, b: 50 },
    );
    expect(r.ok && r.normalised).toBeCloseTo(0.75, 12);
  });
});

describe('validateGrid', () => {
  it('finds bad weights, scales and duplicate ids', () => {
    const bad: EvaluationGrid = {
      id: 'g',
      label: { fr: 'G', en: 'G' },
      stages: [
        {
          stage: 1,
          label: { fr: '1', en: '1' },
          criteria: [
            { id: 'a', label: { fr: 'A', en: 'A' }, weight: 0.5, scale: { min: 0, max: 10 } },
            { id: 'a', label: { fr: 'A', en: 'A' }, weight: 0.3, scale: { min: 10, max: 10 } },
          ],
        },
        { stage: 1, label: { fr: '1', en: '1' }, criteria: [] },
      ],
    };
    expect(validateGrid(bad)).toEqual([
      { path: 'stages[0].criteria[1].id', message: 'duplicate criterion id "a"' },
      { path: 'stages[0].criteria[1].scale', message: 'needs finite min < max' },
      { path: 'stages[0].criteria', message: 'weights sum to 0.8, not 1' },
      { path: 'stages[1].stage', message: 'duplicate stage 1' },
      { path: 'stages[1].criteria', message: 'a stage needs at least one criterion' },
    ]);
  });
});
