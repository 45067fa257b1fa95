import type { BalancedPanel, LongPanel } from '../analytics/impact/types.ts';
import { type ErrorDetail, ValidationError } from '../domain/errors.ts';
import type { PanelFile } from './panel-file.ts';

/**
 * A read panel file (`panel-file.ts`) shaped for the estimators: dense unit indices, whole-number
 * periods and cohorts, the long panel, and the balanced panel with its unit and cohort checks.
 */

/** At most this many problems are listed in one error. */
export const MAX_ERRORS = 20;

/** Dense unit index of each row from its id text, with the ids in order of first appearance. */
export function indexIds(ids: readonly string[]): { index: Int32Array; names: string[] } {
  const map = new Map<string, number>();
  const index = new Int32Array(ids.length);
  const names: string[] = [];
  ids.forEach((id, i) => {
    let v = map.get(id);
    if (v === undefined) {
      v = names.length;
      map.set(id, v);
      names.push(id);
    }
    index[i] = v;
  });
  return { index, names };
}

/** Whole numbers of a column (periods, cohorts); a missing or fractional cell is an error naming its row. */
export function wholeNumbers(file: PanelFile, column: string): Int32Array {
  const v = file.numbers[column]!;
  const out = new Int32Array(v.length);
  const errors: ErrorDetail[] = [];
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (!Number.isInteger(x) || Math.abs(x) > 2 ** 31 - 1) {
      if (errors.length < MAX_ERRORS)
        errors.push({
          path: `row ${file.lines[i]} / column "${column}"`,
          row: file.lines[i]!,
          column,
          value: Number.isNaN(x) ? '' : String(x),
          message: Number.isNaN(x) ? 'missing: a whole number is required' : 'not a whole number',
        });
    } else out[i] = x;
  }
  if (errors.length > 0)
    throw new ValidationError(
      `Column "${column}" must hold whole numbers (first: row ${errors[0]!.row})`,
      errors,
    );
  return out;
}

/** Rows whose (id, time) pair appeared before: an error naming the id and the period. */
function checkDuplicates(
  file: PanelFile,
  unit: Int32Array,
  time: Int32Array,
  names: string[],
  idCol: string,
) {
  // (unit, period) → first row, on a dense period index; a typed table when it fits
  const periodIndex = new Map<number, number>();
  const p = new Int32Array(time.length);
  for (let i = 0; i < time.length; i++) {
    let v = periodIndex.get(time[i]!);
    if (v === undefined) {
      v = periodIndex.size;
      periodIndex.set(time[i]!, v);
    }
    p[i] = v;
  }
  const P = periodIndex.size;
  const table = names.length * P <= 5e7 ? new Int32Array(names.length * P).fill(-1) : undefined;
  const map = table ? undefined : new Map<number, number>();
  const errors: ErrorDetail[] = [];
  for (let i = 0; i < unit.length && errors.length < MAX_ERRORS; i++) {
    const key = unit[i]! * P + p[i]!;
    const first = table ? table[key]! : (map!.get(key) ?? -1);
    if (first < 0) {
      if (table) table[key] = i;
      else map!.set(key, i);
      continue;
    }
    errors.push({
      path: `row ${file.lines[i]} / column "${idCol}"`,
      row: file.lines[i]!,
      column: idCol,
      value: names[unit[i]!],
      message: `id "${names[unit[i]!]}" appears twice in period ${time[i]} (rows ${file.lines[first]} and ${file.lines[i]})`,
    });
  }
  if (errors.length > 0) throw new ValidationError('The panel has duplicate (id, period) rows', errors);
}

/** A long panel (unbalanced allowed) from the file: ids, whole-number periods, named columns. */
export function toLongPanel(
  file: PanelFile,
  o: { id: string; time: string },
): LongPanel & { labels: string[]; lines: Int32Array } {
  const { index, names } = indexIds(file.labels[o.id]!);
  const time = wholeNumbers(file, o.time);
  checkDuplicates(file, index, time, names, o.id);
  return { unit: index, time, units: names.length, columns: file.numbers, labels: names, lines: file.lines };
}

/**
 * The wide N × T panel `attGt` takes. A cohort that varies within a unit is an error naming the
 * id; a unit not observed in every period is dropped with a warning, as `did::att_gt` does when it
 * balances a panel. Missing outcome or covariate values stay NaN: `attGt` drops those units itself.
 */
export function toBalancedPanel(
  file: PanelFile,
  o: { id: string; time: string; outcome: string; cohort: string; covariates?: string[] },
): { panel: BalancedPanel; warnings: string[]; droppedIds: string[] } {
  const long = toLongPanel(file, o);
  const cohortCol = wholeNumbers(file, o.cohort);
  const periodsSet = new Set<number>(long.time);
  const periods = Int32Array.from([...periodsSet].sort((a, b) => a - b));
  const T = periods.length;
  const pos = new Map<number, number>();
  periods.forEach((p, i) => {
    pos.set(p, i);
  });
  const N0 = long.units;
  const unitCohort = new Int32Array(N0).fill(-1);
  const count = new Int32Array(N0);
  const errors: ErrorDetail[] = [];
  for (let i = 0; i < long.unit.length; i++) {
    const u = long.unit[i]!;
    const g = cohortCol[i]!;
    if (g < 0 && errors.length < MAX_ERRORS)
      errors.push({
        path: `row ${file.lines[i]} / column "${o.cohort}"`,
        row: file.lines[i]!,
        column: o.cohort,
        value: String(g),
        message: 'the first treated period must be ≥ 0 (0 = never treated)',
      });
    if (unitCohort[u] === -1) unitCohort[u] = g;
    else if (unitCohort[u] !== g && errors.length < MAX_ERRORS)
      errors.push({
        path: `row ${file.lines[i]} / column "${o.cohort}"`,
        row: file.lines[i]!,
        column: o.cohort,
        value: String(g),
        message: `the cohort of id "${long.labels[u]}" varies within the unit (${unitCohort[u]} and ${g}); it must be the same on every row`,
      });
    count[u]!++;
  }
  if (errors.length > 0) throw new ValidationError('Invalid cohort column', errors);
  const keep: number[] = [];
  const droppedUnits: number[] = [];
  for (let u = 0; u < N0; u++) (count[u] === T ? keep : droppedUnits).push(u);
  const newIndex = new Int32Array(N0).fill(-1);
  keep.forEach((u, i) => {
    newIndex[u] = i;
  });
  const N = keep.length;
  const names = o.covariates ?? [];
  const y = new Float64Array(N * T);
  const cov = names.map(() => new Float64Array(N * T));
  for (let i = 0; i < long.unit.length; i++) {
    const u = newIndex[long.unit[i]!]!;
    if (u < 0) continue;
    const cell = u * T + pos.get(long.time[i]!)!;
    y[cell] = file.numbers[o.outcome]![i]!;
    names.forEach((name, c) => {
      cov[c]![cell] = file.numbers[name]![i]!;
    });
  }
  const dropped = droppedUnits.map((u) => long.labels[u]!);
  const warnings =
    dropped.length > 0
      ? [
          `${dropped.length} unit(s) not observed in every one of the ${T} periods were dropped to balance the panel (ids: ${dropped.slice(0, 10).join(', ')}${dropped.length > 10 ? ', …' : ''})`,
        ]
      : [];
  const panel: BalancedPanel = {
    periods,
    units: N,
    y,
    cohort: Int32Array.from(keep, (u) => unitCohort[u]!),
    labels: keep.map((u) => long.labels[u]!),
  };
  if (names.length > 0) panel.covariates = { names, values: cov };
  return { panel, warnings, droppedIds: dropped };
}
