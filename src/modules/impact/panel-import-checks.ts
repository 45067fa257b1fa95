import { formatEnterpriseNumber } from '../../domain/enterprise-number.ts';
import type { ErrorDetail } from '../../domain/errors.ts';
import { enterpriseString, type PanelRowsBuilder } from '../../io/panel-rows.ts';
import { pushError, type ReadReport } from './panel-import-read.ts';

/** The checks of a whole panel file once read: duplicate firm-years, and what the report sums up. */

export interface SummaryReport extends ReadReport {
  firms: number;
  years: { from: number; to: number } | null;
  unknownEnterprises: { count: number; sample: { enterpriseNumber: string; row: number }[] };
}

/**
 * Duplicate firm-years: sort numeric keys (fast), then name the rows of the few duplicates.
 * Returns how many rows repeat an earlier one.
 */
export function checkDuplicates(cols: PanelRowsBuilder, report: ReadReport, maxDetails: number): number {
  const n = cols.rows;
  const keys = new Float64Array(n);
  // ten digits × 4096 + year < 2^53: exact
  for (let i = 0; i < n; i++) keys[i] = cols.enterprise[i]! * 4096 + cols.year[i]!;
  const sorted = keys.slice().sort();
  const dup = new Set<number>();
  for (let i = 1; i < n; i++) if (sorted[i] === sorted[i - 1]) dup.add(sorted[i]!);
  if (dup.size === 0) return 0;
  let count = 0;
  const first = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    if (!dup.has(k)) continue;
    const f = first.get(k);
    if (f === undefined) first.set(k, cols.line[i]!);
    else {
      count++;
      pushError(
        report,
        {
          path: `row ${cols.line[i]} / column "enterprise number, year"`,
          row: cols.line[i],
          column: 'enterprise number, year',
          value: `${formatEnterpriseNumber(enterpriseString(cols.enterprise[i]!))} ${cols.year[i]}`,
          message: `duplicate firm-year: the same enterprise and year are on row ${f}`,
        },
        maxDetails,
      );
    }
  }
  return count;
}

/** Firms, years, unknown enterprises and consistency warnings of the checked rows. */
export function summarise(
  cols: PanelRowsBuilder,
  report: SummaryReport,
  known: Set<string>,
  maxDetails: number,
): void {
  const n = cols.rows;
  const firms = new Map<number, { row: number; treatment: number }>();
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let exportsAbove = 0;
  let lastKey = Number.NaN;
  let last: { row: number; treatment: number } | undefined;
  const warn = (w: ErrorDetail) => {
    if (report.warnings.length < maxDetails) report.warnings.push(w);
  };
  for (let i = 0; i < n; i++) {
    const en = cols.enterprise[i]!;
    const y = cols.year[i]!;
    if (y < lo) lo = y;
    if (y > hi) hi = y;
    const t = cols.treatment[i]!;
    // rows mostly come grouped by firm: look the firm up only when the number changes
    const f = en === lastKey ? last : firms.get(en);
    if (!f) {
      last = { row: cols.line[i]!, treatment: t };
      firms.set(en, last);
    } else {
      last = f;
      if (f.treatment !== t)
        warn({
          path: `row ${cols.line[i]} / column "treatment"`,
          row: cols.line[i],
          value: String(t || ''),
          message: `the treatment year of ${formatEnterpriseNumber(enterpriseString(en))} differs from its row ${f.row}; the earliest is used`,
        });
    }
    lastKey = en;
    if (cols.exports[i]! > cols.turnover[i]! && ++exportsAbove <= 20)
      report.warnings.push({
        path: `row ${cols.line[i]} / column "exports"`,
        row: cols.line[i],
        value: String(cols.exports[i]),
        message: 'exports are larger than turnover (kept; check the sources)',
      });
  }
  if (exportsAbove > 20)
    report.warnings.push({
      path: 'file',
      message: `${exportsAbove} rows in all have exports above turnover`,
    });
  report.firms = firms.size;
  report.years = n > 0 ? { from: lo, to: hi } : null;
  for (const [key, f] of firms) {
    const en = enterpriseString(key);
    if (known.has(en)) continue;
    report.unknownEnterprises.count++;
    if (report.unknownEnterprises.sample.length < 50)
      report.unknownEnterprises.sample.push({ enterpriseNumber: en, row: f.row });
  }
  if (report.unknownEnterprises.count > 0)
    report.warnings.push({
      path: 'file',
      message: `${report.unknownEnterprises.count} of ${firms.size} enterprise(s) are not in the registry; their rows are kept (the panel covers regional industry, not only members)`,
    });
}
