import { addExpression, emptyExpression, type InfluenceExpression } from './attgt-influence.ts';

/**
 * Aggregations of ATT(g,t) as `did::aggte` computes them (did 2.1.2, `R/compute.aggte.R`;
 * Callaway & Sant'Anna 2021, J. Econometrics 225(2), §3.3 and eq. 3.10–3.13). Each aggregate is
 * a weighted average of post-treatment cells with weights built from the group shares
 * p_g = mean(w_i·1{G_i = g}); its influence function is the same average of the cells' ψ plus,
 * where the weights are estimated, the term `wif` of `compute.aggte`:
 *
 *   wif·att = Σ_k (w·1{G = g_k} − p_k) (att_k / S − Σ_j p_j att_j / S²),  S = Σ_k p_k.
 *
 * Everything is expressed as an `InfluenceExpression` (coefficients on the cell columns, on the
 * group indicator columns and on a constant), so the standard errors — analytic or bootstrap —
 * come from one place. NA cells are left out, as `aggte(na.rm = TRUE)` does.
 */

export interface AggregateCell {
  group: number;
  time: number;
  att: number;
}

export interface AggregateTerm {
  att: number;
  expr: InfluenceExpression;
}

export interface AggregateRowPlan<K extends string> extends AggregateTerm {
  key: K;
  value: number;
}

export interface AggregatePlan {
  simple: AggregateTerm;
  group: { overall: AggregateTerm; rows: AggregateRowPlan<'group'>[] };
  dynamic: { overall: AggregateTerm; rows: AggregateRowPlan<'event'>[] };
  calendar: { overall: AggregateTerm; rows: AggregateRowPlan<'time'>[] };
}

export interface AggregateOptions {
  /**
   * `did` (default) reproduces `compute.aggte`, whose group aggregation passes the cells' group
   * vector to `wif` with keepers 1…#groups, so the share of group k is paired with the indicator
   * of the k-th cell's group. `corrected` pairs it with group k itself.
   */
  groupWif?: 'did' | 'corrected';
}

/** Group-share weights p_g = mean(w·1{G = g}) over the n units (`pg` in `compute.aggte`). */
export function groupShares(groups: number[], groupWeightSums: Float64Array, n: number): Float64Array {
  return Float64Array.from(groups, (_, g) => groupWeightSums[g]! / n);
}

interface WifTerm {
  groupIndex: number;
  share: number;
  att: number;
}

/** Add `wif(keepers) %*% att[keepers]` of `compute.aggte` to an expression. */
function addWif(expr: InfluenceExpression, terms: WifTerm[]): void {
  let S = 0;
  let A = 0;
  for (const t of terms) {
    S += t.share;
    A += t.share * t.att;
  }
  A /= S * S;
  for (const t of terms) {
    const coef = t.att / S - A;
    expr.groups[t.groupIndex]! += coef;
    expr.constant -= t.share * coef;
  }
}

/**
 * Plan every aggregation of `aggte` (simple, group, dynamic, calendar) over the cells (in
 * `att_gt` order: by group, then time). `cellIndex[k]` is the position of cells[k] among all
 * cells (the expression columns); `groups` are the estimated groups, `shares` their p_g.
 */
export function planAggregates(
  cells: AggregateCell[],
  cellIndex: number[],
  cellCount: number,
  groups: number[],
  shares: Float64Array,
  options: AggregateOptions = {},
): AggregatePlan {
  const nG = groups.length;
  const gIndex = new Map(groups.map((g, i) => [g, i]));
  const pg = (k: number) => shares[gIndex.get(cells[k]!.group)!]!;
  const fresh = () => emptyExpression(cellCount, nG);
  /** Σ p_k att_k / Σ p_k over the keepers, its expression, optionally with the weights' term. */
  const weighted = (keepers: number[], withWif: boolean): AggregateTerm => {
    const expr = fresh();
    let S = 0;
    let num = 0;
    for (const k of keepers) {
      S += pg(k);
      num += pg(k) * cells[k]!.att;
    }
    for (const k of keepers) expr.cells[cellIndex[k]!]! += pg(k) / S;
    if (withWif)
      addWif(
        expr,
        keepers.map((k) => ({ groupIndex: gIndex.get(cells[k]!.group)!, share: pg(k), att: cells[k]!.att })),
      );
    return { att: keepers.length > 0 ? num / S : Number.NaN, expr };
  };
  const mean = (terms: AggregateTerm[]): AggregateTerm => {
    const expr = fresh();
    let att = 0;
    for (const t of terms) {
      att += t.att / terms.length;
      addExpression(expr, t.expr, 1 / terms.length);
    }
    return { att: terms.length > 0 ? att : Number.NaN, expr };
  };
  const all = cells.map((_, k) => k);
  const post = all.filter((k) => cells[k]!.group <= cells[k]!.time);

  const simple = weighted(post, true);

  // group: θ(g) = mean of g's post-treatment cells; overall weighted by p_g with the weights' term.
  // With na.rm, `aggte` keeps only the groups that still have a post-treatment cell.
  const kept = groups.filter((g) => post.some((k) => cells[k]!.group === g));
  const groupRows = kept.map((g): AggregateRowPlan<'group'> => {
    const term = weighted(
      post.filter((k) => cells[k]!.group === g),
      false,
    );
    return { key: 'group', value: g, ...term };
  });
  const keptCells = all.filter((k) => kept.includes(cells[k]!.group));
  const groupOverall = fresh();
  let S = 0;
  let groupAtt = 0;
  for (const g of kept) S += shares[gIndex.get(g)!]!;
  groupRows.forEach((row) => {
    const share = shares[gIndex.get(row.value)!]!;
    addExpression(groupOverall, row.expr, share / S);
    groupAtt += (row.att * share) / S;
  });
  const quirk = (options.groupWif ?? 'did') === 'did';
  addWif(
    groupOverall,
    groupRows.map((row, g) => ({
      groupIndex: gIndex.get(quirk ? cells[keptCells[g]!]!.group : row.value)!,
      share: shares[gIndex.get(row.value)!]!,
      att: row.att,
    })),
  );

  // dynamic: event time e = t − g, every e (negative too); overall = mean over e ≥ 0
  const events = [...new Set(cells.map((c) => c.time - c.group))].sort((a, b) => a - b);
  const dynamicRows = events.map((e): AggregateRowPlan<'event'> => {
    const term = weighted(
      all.filter((k) => cells[k]!.time - cells[k]!.group === e),
      true,
    );
    return { key: 'event', value: e, ...term };
  });
  const dynamicOverall = mean(dynamicRows.filter((r) => r.value >= 0));

  // calendar: periods from the first treatment on; overall = mean over those periods
  const minG = Math.min(...cells.map((c) => c.group));
  const times = [...new Set(cells.map((c) => c.time))].filter((t) => t >= minG).sort((a, b) => a - b);
  const calendarRows = times.map((t): AggregateRowPlan<'time'> => {
    const term = weighted(
      post.filter((k) => cells[k]!.time === t),
      true,
    );
    return { key: 'time', value: t, ...term };
  });
  const calendarOverall = mean(calendarRows);

  return {
    simple,
    group: { overall: { att: groupAtt, expr: groupOverall }, rows: groupRows },
    dynamic: { overall: dynamicOverall, rows: dynamicRows },
    calendar: { overall: calendarOverall, rows: calendarRows },
  };
}
