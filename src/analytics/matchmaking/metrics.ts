/**
 * Offline evaluation metrics of a ranking with one relevant item (the hidden partner): hit@k (is
 * it in the top k?) and the reciprocal rank (1/rank; its mean is the MRR). Ties are broken at
 * random, and we take the expectation instead of drawing: with g items scored strictly higher
 * and t others tied with the target, its rank is uniform on g+1 … g+t+1, so
 *   E[hit@k] = clamp((k − g) / (t + 1), 0, 1),   E[1/rank] = (H(g+t+1) − H(g)) / (t + 1)
 * (H = harmonic numbers). A method that scores everything 0 thus gets exactly the random
 * baseline, never a lucky or unlucky tie order.
 */

export interface RankPosition {
  /** candidates scored strictly above the target */
  greater: number;
  /** other candidates scored exactly like the target */
  ties: number;
}

/** Where the target stands among the candidates (`candidate[i]` = 1; the target must be one). */
export function positionOf(
  scores: ArrayLike<number>,
  candidate: ArrayLike<number>,
  target: number,
): RankPosition {
  const s = scores[target]!;
  let greater = 0;
  let ties = 0;
  for (let i = 0; i < scores.length; i++) {
    if (i === target || !candidate[i]) continue;
    const v = scores[i]!;
    if (v > s) greater++;
    else if (v === s) ties++;
  }
  return { greater, ties };
}

export function expectedHit(p: RankPosition, k: number): number {
  return Math.min(1, Math.max(0, (k - p.greater) / (p.ties + 1)));
}

function harmonic(n: number): number {
  // exact sum for small n, the Euler–Maclaurin expansion beyond (error < 1e-16 for n ≥ 64)
  if (n < 64) {
    let h = 0;
    for (let i = 1; i <= n; i++) h += 1 / i;
    return h;
  }
  const n2 = n * n;
  return (
    Math.log(n) +
    0.5772156649015329 +
    1 / (2 * n) -
    1 / (12 * n2) +
    1 / (120 * n2 * n2) -
    1 / (252 * n2 * n2 * n2)
  );
}

export function expectedReciprocalRank(p: RankPosition): number {
  return (harmonic(p.greater + p.ties + 1) - harmonic(p.greater)) / (p.ties + 1);
}

export interface RankingSummary {
  /** number of rankings (hidden partners) */
  queries: number;
  hit10: number;
  mrr: number;
  /** mean expected rank */
  meanRank: number;
}

/** Mean hit@k and MRR over rankings. */
export function summarise(positions: readonly RankPosition[], k = 10): RankingSummary {
  let hit = 0;
  let rr = 0;
  let rank = 0;
  for (const p of positions) {
    hit += expectedHit(p, k);
    rr += expectedReciprocalRank(p);
    rank += p.greater + 1 + p.ties / 2;
  }
  const n = positions.length;
  return {
    queries: n,
    hit10: n ? hit / n : 0,
    mrr: n ? rr / n : 0,
    meanRank: n ? rank / n : 0,
  };
}
