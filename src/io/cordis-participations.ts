import type { ErrorDetail } from '../domain/errors.ts';
import { ValidationError } from '../domain/errors.ts';
import type { Sheet } from './spreadsheet.ts';

/**
 * The CORDIS participation format (one row per organisation taking part in one EU project), as
 * the Commission's open data and its reshaped copies publish it:
 * `rcn, role, pic, type, contribution, country, start_date, end_date, max_contribution, total_cost, …`.
 * Checked row by row; every problem is reported with its row, column, value and reason.
 */

export interface CordisParticipation {
  line: number;
  rcn: string;
  role: 'coordinator' | 'participant' | 'partner';
  pic: string;
  type: string;
  contribution: number | null;
  country: string;
}

export interface CordisProject {
  rcn: string;
  startDate: string | null;
  endDate: string | null;
  durationMonths: number | null;
  maxContribution: number | null;
  totalCost: number | null;
  participations: CordisParticipation[];
}

export const CORDIS_REQUIRED = [
  'rcn',
  'role',
  'pic',
  'type',
  'contribution',
  'country',
  'start_date',
  'end_date',
];
const ROLES = new Set(['coordinator', 'participant', 'partner']);
const TYPES = new Set(['PRC', 'HES', 'REC', 'PUB', 'OTH']);
const NA = new Set(['', 'NA', 'N/A', 'NULL']);

export function parseCordisParticipations(sheet: Sheet): { projects: CordisProject[]; rows: number } {
  const idx = new Map(sheet.headers.map((h, i) => [h.trim().toLowerCase(), i]));
  const missing = CORDIS_REQUIRED.filter((c) => !idx.has(c));
  if (missing.length)
    throw new ValidationError(
      `The file is not in the CORDIS participation format: missing ${missing.join(', ')}`,
      [...missing.map((c) => ({ path: `column "${c}"`, column: c, message: 'required column is missing' }))],
    );
  const col = (name: string) => idx.get(name);
  const errors: ErrorDetail[] = [];
  const fail = (line: number, column: string, value: string, message: string) => {
    if (errors.length < 500)
      errors.push({ path: `row ${line} / column "${column}"`, row: line, column, value, message });
  };
  const num = (line: number, name: string, cells: string[], required: boolean): number | null => {
    const i = col(name);
    if (i == null) return null;
    const raw = (cells[i] ?? '').trim();
    if (NA.has(raw)) {
      if (required) fail(line, name, raw, 'a number is required');
      return null;
    }
    const v = Number(raw);
    if (!Number.isFinite(v) || v < 0) {
      fail(line, name, raw, 'expected a non-negative number (or NA)');
      return null;
    }
    return v;
  };
  const date = (line: number, name: string, cells: string[]): string | null => {
    const i = col(name);
    if (i == null) return null;
    const raw = (cells[i] ?? '').trim();
    if (NA.has(raw)) return null;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(`${raw}T00:00:00Z`))) {
      fail(line, name, raw, 'expected a date YYYY-MM-DD');
      return null;
    }
    return raw;
  };

  const projects = new Map<string, CordisProject>();
  const seen = new Map<string, number>();
  for (const { line, cells } of sheet.rows) {
    const get = (name: string) => (cells[col(name)!] ?? '').trim();
    const rcn = get('rcn');
    if (!/^\d{1,12}$/.test(rcn)) fail(line, 'rcn', rcn, 'expected the CORDIS record number (digits)');
    const role = get('role').toLowerCase();
    if (!ROLES.has(role)) fail(line, 'role', get('role'), 'expected coordinator, participant or partner');
    const pic = get('pic');
    if (!/^\d{9}$/.test(pic))
      fail(line, 'pic', pic, 'expected a 9-digit participant identification code (PIC)');
    const type = get('type').toUpperCase();
    if (!TYPES.has(type)) fail(line, 'type', get('type'), 'expected PRC, HES, REC, PUB or OTH');
    const country = get('country').toUpperCase();
    if (!/^[A-Z]{2}$/.test(country))
      fail(line, 'country', get('country'), 'expected a 2-letter country code');
    const contribution = num(line, 'contribution', cells, false);
    const startDate = date(line, 'start_date', cells);
    const endDate = date(line, 'end_date', cells);
    if (startDate && endDate && endDate < startDate)
      fail(line, 'end_date', endDate, `the project ends before it starts (${startDate})`);
    const key = `${rcn}\u0000${pic}`;
    const first = seen.get(key);
    if (first != null)
      fail(line, 'pic', pic, `organisation ${pic} already takes part in project ${rcn} (row ${first})`);
    else seen.set(key, line);
    let p = projects.get(rcn);
    if (!p) {
      const duration = num(line, 'duration', cells, false);
      p = {
        rcn,
        startDate,
        endDate,
        durationMonths: duration != null ? Math.round(duration) : null,
        maxContribution: num(line, 'max_contribution', cells, false),
        totalCost: num(line, 'total_cost', cells, false),
        participations: [],
      };
      projects.set(rcn, p);
    } else if (p.startDate !== startDate || p.endDate !== endDate) {
      fail(
        line,
        'start_date',
        `${startDate} – ${endDate}`,
        `project ${rcn} has other dates on an earlier row (${p.startDate} – ${p.endDate})`,
      );
    }
    p.participations.push({
      line,
      rcn,
      role: role as CordisParticipation['role'],
      pic,
      type,
      contribution,
      country,
    });
  }
  if (sheet.rows.length === 0)
    throw new ValidationError('The file has a header but no participation', [
      { path: 'file', message: 'no data row' },
    ]);
  if (errors.length)
    throw new ValidationError(
      `${errors.length}${errors.length >= 500 ? '+' : ''} problem(s) in the CORDIS file; nothing was imported`,
      errors,
    );
  return { projects: [...projects.values()], rows: sheet.rows.length };
}
