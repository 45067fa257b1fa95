import { describe, expect, it } from 'vitest';
import { area, centroid, isAreaGeometry, jitter } from './geo.ts';

const square = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

describe('centroid', () => {
  it('of a unit square is its middle', () => {
    const g = { type: 'Polygon' as const, coordinates: [square(0, 0, 1, 1)] };
    expect(area(g)).toBeCloseTo(1, 12);
    expect(centroid(g)).toEqual([0.5, 0.5]);
  });

  it('of an L shape weighs its two rectangles by area', () => {
    // [0,2]×[0,1] (area 2, centre (1, 0.5)) + [0,1]×[1,2] (area 1, centre (0.5, 1.5)):
    // ((2·1 + 0.5) / 3, (2·0.5 + 1.5) / 3) = (5/6, 5/6)
    const g = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [2, 1],
          [1, 1],
          [1, 2],
          [0, 2],
          [0, 0],
        ],
      ],
    };
    expect(area(g)).toBeCloseTo(3, 12);
    const c = centroid(g)!;
    expect(c[0]).toBeCloseTo(5 / 6, 12);
    expect(c[1]).toBeCloseTo(5 / 6, 12);
  });

  it('subtracts holes, whatever the ring orientation', () => {
    // [0,4]² (16, (2,2)) minus [1,2]² (1, (1.5,1.5)): (32 − 1.5) / 15 on both axes
    const outerClockwise = square(0, 0, 4, 4).reverse();
    const g = { type: 'Polygon' as const, coordinates: [outerClockwise, square(1, 1, 2, 2)] };
    expect(area(g)).toBeCloseTo(15, 12);
    const c = centroid(g)!;
    expect(c[0]).toBeCloseTo(30.5 / 15, 12);
    expect(c[1]).toBeCloseTo(30.5 / 15, 12);
  });

  it('weighs the parts of a multipolygon by area', () => {
    // [0,1]² (1, (0.5,0.5)) and [2,4]×[0,2] (4, (3,1)): ((0.5 + 12) / 5, (0.5 + 4) / 5) = (2.5, 0.9)
    const g = { type: 'MultiPolygon' as const, coordinates: [[square(0, 0, 1, 1)], [square(2, 0, 4, 2)]] };
    const c = centroid(g)!;
    expect(c[0]).toBeCloseTo(2.5, 12);
    expect(c[1]).toBeCloseTo(0.9, 12);
  });

  it('stays precise on real coordinates (a small square near Namur)', () => {
    const g = { type: 'Polygon' as const, coordinates: [square(4.86, 50.46, 4.88, 50.48)] };
    const c = centroid(g)!;
    expect(c[0]).toBeCloseTo(4.87, 12);
    expect(c[1]).toBeCloseTo(50.47, 12);
  });

  it('falls back to the mean vertex of a degenerate shape', () => {
    const g = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [0, 0],
          [2, 2],
          [0, 0],
        ],
      ],
    };
    expect(centroid(g)).toEqual([2 / 3, 2 / 3]);
    expect(centroid({ type: 'Polygon', coordinates: [] })).toBeNull();
  });

  it('recognises area geometries', () => {
    expect(isAreaGeometry({ type: 'Polygon', coordinates: [] })).toBe(true);
    expect(isAreaGeometry({ type: 'Point', coordinates: [0, 0] })).toBe(false);
    expect(isAreaGeometry(null)).toBe(false);
  });
});

describe('jitter', () => {
  it('is deterministic and stays within the radius', () => {
    expect(jitter(42, 50.5, 0.01)).toEqual(jitter(42, 50.5, 0.01));
    const seen = new Set<string>();
    for (let k = 0; k < 1000; k++) {
      const [dx, dy] = jitter(k, 50.5, 0.01);
      const x = dx * Math.cos((50.5 * Math.PI) / 180);
      expect(Math.hypot(x, dy)).toBeLessThanOrEqual(0.01 + 1e-12);
      seen.add(`${dx.toFixed(6)},${dy.toFixed(6)}`);
    }
    expect(seen.size).toBe(1000);
  });
});
