/**
 * Distribution functions, quantiles and a seeded generator for the Callaway–Sant'Anna estimator
 * (`attgt.ts`). Pure functions, no dependencies.
 */

/** √(machine ε)·10: `did` turns a standard error at or below this into NA (`att_gt.R`, `compute.aggte.R`). */
export const SE_FLOOR = Math.sqrt(2.220446049250313e-16) * 10;

// AS 241 coefficients, constant term first (written at their exact double values).
const Q_NUM = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
];
const Q_DEN = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852546,
];
const R_NUM = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
];
const R_DEN = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
  0.0005475938084995345, 1.0507500716444169e-9,
];
const T_NUM = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
  0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
];
const T_DEN = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
];

/** Σ c_j x^j by Horner's rule. */
function poly(c: number[], x: number): number {
  let s = 0;
  for (let j = c.length - 1; j >= 0; j--) s = s * x + c[j]!;
  return s;
}

/**
 * Standard normal quantile Φ⁻¹(p), Wichura's algorithm AS 241 (PPND16, Applied Statistics 37,
 * 1988), accurate to about 1e-16 — the algorithm behind R's `qnorm`.
 */
export function qnorm(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return Number.NEGATIVE_INFINITY;
    if (p === 1) return Number.POSITIVE_INFINITY;
    return Number.NaN;
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(Q_NUM, r)) / poly(Q_DEN, r);
  }
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const value =
    r <= 5 ? poly(R_NUM, r - 1.6) / poly(R_DEN, r - 1.6) : poly(T_NUM, r - 5) / poly(T_DEN, r - 5);
  return q < 0 ? -value : value;
}

/** ln Γ(x) for x > 0, Lanczos approximation (g = 7, 9 terms; Numerical Recipes 3rd ed. §6.1), ≈ 1e-15. */
function logGamma(x: number): number {
  const c = [
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
    12.507343278686905, -0.13857109526572012, 0.000009984369578019572, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Upper regularised incomplete gamma Q(a, x) = Γ(a, x)/Γ(a): the series for x < a + 1, Lentz's
 * continued fraction otherwise (Numerical Recipes 3rd ed. §6.2).
 */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lead = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let k = 1; k < 10_000; k++) {
      term *= x / (a + k);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return 1 - sum * Math.exp(lead);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(lead) * h;
}

/** P(χ²_df > x): the p-value of a Wald statistic x with df restrictions (`1 - pchisq(x, df)` in R). */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0) || Number.isNaN(x)) return Number.NaN;
  return Math.min(1, Math.max(0, gammaQ(df / 2, x / 2)));
}

/**
 * R's `quantile(x, p, type = 1)` (inverse of the empirical distribution function) on an
 * ascending-sorted array: x₍ⱼ₎ when np is an integer j (up to R's fuzz of 4ε), else x₍⌊np⌋₊₁₎.
 */
export function quantileType1(sorted: Float64Array | number[], p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const np = n * p;
  const j = Math.floor(np + 4 * 2.220446049250313e-16);
  const index = np > j ? j + 1 : j; // 1-based order statistic
  return sorted[Math.min(n, Math.max(1, index)) - 1]!;
}

/** Finaliser of MurmurHash3 (public domain): mixes a 32-bit key into a well-spread 32-bit value. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Small fast counter generator (Chris Doty-Humphrey's sfc32, public domain) returning raw 32-bit
 * integers. Seeded from a list of integers (a seed and, e.g., a block index) so that every block
 * of a parallel bootstrap draws the same numbers whichever thread runs it.
 */
export class Sfc32 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...keys: number[]) {
    let h = 0x9e3779b9;
    for (const k of keys) h = mix32(h ^ mix32(k >>> 0));
    this.a = mix32(h ^ 0x243f6a88);
    this.b = mix32(h ^ 0x85a308d3);
    this.c = mix32(h ^ 0x13198a2e);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Next 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform on [0, 1). */
  uniform(): number {
    return this.next() / 4294967296;
  }
}
