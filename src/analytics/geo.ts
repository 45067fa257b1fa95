/**
 * Plane geometry on GeoJSON coordinates (pure): area-weighted centroids of polygons and
 * multipolygons, used to place points on a map.
 *
 * The centroid is computed in the plane of the longitude/latitude coordinates. A centroid is
 * preserved by affine maps, so this is the same point as in a local equirectangular projection
 * (x scaled by cos φ₀); over a Belgian municipality or province the curvature of the Earth moves it
 * by far less than the map can show.
 */

export type Position = readonly [number, number, ...number[]] | readonly number[];
export type Ring = readonly Position[];

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: readonly Ring[];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: readonly (readonly Ring[])[];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

/** Signed area (shoelace; positive when counter-clockwise) and first moments of one ring. */
function ringMoments(ring: Ring): { a: number; cx: number; cy: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  const n = ring.length;
  if (n < 3) return { a: 0, cx: 0, cy: 0 };
  // shift to the first vertex: keeps the products small (precision on long rings)
  const x0 = ring[0]![0]!;
  const y0 = ring[0]![1]!;
  for (let i = 0; i < n; i++) {
    const p = ring[i]!;
    const q = ring[(i + 1) % n]!;
    const x1 = p[0]! - x0;
    const y1 = p[1]! - y0;
    const x2 = q[0]! - x0;
    const y2 = q[1]! - y0;
    const cross = x1 * y2 - x2 * y1;
    a += cross;
    cx += (x1 + x2) * cross;
    cy += (y1 + y2) * cross;
  }
  a /= 2;
  // cx, cy are 6·A·centroid (shifted): return the moments A·centroid in absolute coordinates
  return { a, cx: cx / 6 + a * x0, cy: cy / 6 + a * y0 };
}

/** Area (in squared degrees) of a polygon or multipolygon: outer rings minus holes. */
export function area(g: AreaGeometry): number {
  return moments(g).a;
}

function moments(g: AreaGeometry): { a: number; mx: number; my: number } {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let a = 0;
  let mx = 0;
  let my = 0;
  for (const rings of polygons) {
    rings.forEach((ring, i) => {
      const m = ringMoments(ring);
      // GeoJSON orientation is not reliable in the wild: the first ring adds, the others (holes) remove
      const sign = (i === 0 ? 1 : -1) * Math.sign(m.a);
      a += sign * m.a;
      mx += sign * m.cx;
      my += sign * m.cy;
    });
  }
  return { a, mx, my };
}

/**
 * Area-weighted centroid `[lon, lat]` of a polygon (holes subtracted) or multipolygon (parts
 * weighted by their area). A degenerate shape (no area) falls back to the mean of its vertices;
 * null when there is no vertex.
 */
export function centroid(g: AreaGeometry): [number, number] | null {
  const { a, mx, my } = moments(g);
  if (Math.abs(a) > 1e-18) return [mx / a, my / a];
  let n = 0;
  let sx = 0;
  let sy = 0;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const rings of polygons)
    for (const ring of rings)
      for (const p of ring) {
        sx += p[0]!;
        sy += p[1]!;
        n++;
      }
  return n > 0 ? [sx / n, sy / n] : null;
}

/** Is the value a Polygon or MultiPolygon geometry? */
export function isAreaGeometry(v: unknown): v is AreaGeometry {
  if (v == null || typeof v !== 'object') return false;
  const t = (v as { type?: unknown }).type;
  return (
    (t === 'Polygon' || t === 'MultiPolygon') && Array.isArray((v as { coordinates?: unknown }).coordinates)
  );
}

/**
 * A small deterministic offset for point `key` (same key, same offset): an angle and a radius up
 * to `radius` degrees of latitude, uniform over the disc, longitude stretched by 1/cos(lat) so the
 * disc stays round on the map. Points of one municipality then do not stack.
 */
export function jitter(key: number, lat: number, radius: number): [number, number] {
  const u = hash01(key * 2 + 1);
  const v = hash01(key * 2 + 2);
  const r = radius * Math.sqrt(u);
  const t = 2 * Math.PI * v;
  return [(r * Math.cos(t)) / Math.cos((lat * Math.PI) / 180), r * Math.sin(t)];
}

/** A 32-bit integer hash (lowbias32, Chris Wellons) mapped to [0, 1). */
function hash01(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
