import type { ErrorDetail } from './errors.ts';

/**
 * The report of a member-list import: what the file held, what was (or would be) written, and
 * every problem by row, column, value and reason. Answered by the API and printed by the CLI; the
 * web app shows it.
 */
export interface ImportReport {
  ok: boolean;
  written: boolean;
  dryRun: boolean;
  format?: 'csv' | 'xlsx';
  encoding?: string;
  delimiter?: string;
  rows: number;
  valid: number;
  created: number;
  matched: number;
  membershipsAdded: number;
  membershipsClosed: number;
  errors: ErrorDetail[];
  warnings: ErrorDetail[];
  unknownColumns: string[];
  durationMs: number;
  /** where the time went, ms: reading the file, checking the rows, writing */
  phases: { read: number; validate: number; write: number };
}
