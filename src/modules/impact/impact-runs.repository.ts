import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

export type RunStatus = 'queued' | 'running' | 'done' | 'failed';
export type RunKind = 'attgt' | 'did' | 'twfe' | 'matching';

/** A stored run as the service sees it: parameters and result parsed from their JSON text. */
export interface RunRow {
  id: number;
  kind: RunKind;
  parameters: unknown;
  parametersKey: string;
  dataVersion: number;
  status: RunStatus;
  progress: number;
  message: string | null;
  result: unknown;
  createdBy: number | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/**
 * `parameters` and `result` are read as text and parsed here: the CamelCasePlugin would otherwise
 * rewrite the keys inside the JSON documents (a column name like `value_added` stored as a value
 * is safe, a key is not), and both drivers then give the same objects.
 */
function columns(withResult: boolean) {
  return [
    'id',
    'kind',
    sql<string>`parameters::text`.as('parametersJson'),
    'parametersKey',
    'dataVersion',
    'status',
    'progress',
    'message',
    (withResult ? sql<string | null>`result::text` : sql<string | null>`NULL::text`).as('resultJson'),
    'createdBy',
    'createdAt',
    'startedAt',
    'finishedAt',
  ] as const;
}

type Raw = Omit<RunRow, 'parameters' | 'result'> & { parametersJson: string; resultJson: string | null };

function parse(r: Raw): RunRow {
  const { parametersJson, resultJson, ...rest } = r;
  return {
    ...rest,
    parameters: JSON.parse(parametersJson) as unknown,
    result: resultJson == null ? null : (JSON.parse(resultJson) as unknown),
  };
}

export async function insertRun(
  db: Db,
  run: {
    kind: RunKind;
    parameters: unknown;
    parametersKey: string;
    dataVersion: number;
    createdBy: number | null;
  },
): Promise<RunRow> {
  const { id } = await db
    .insertInto('impactRuns')
    .values({
      kind: run.kind,
      parameters: JSON.stringify(run.parameters),
      parametersKey: run.parametersKey,
      dataVersion: run.dataVersion,
      createdBy: run.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findRun(db, id, false)) as RunRow;
}

export async function findRun(db: Db, id: number, withResult = true): Promise<RunRow | undefined> {
  const r = await db
    .selectFrom('impactRuns')
    .select(columns(withResult))
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? parse(r as Raw) : undefined;
}

/**
 * The run a new request with these parameters can reuse: a finished one, or one still queued or
 * running (the request joins it), on the same data version. Failed runs are never reused.
 */
export async function findReusable(db: Db, parametersKey: string, dataVersion: number) {
  const r = await db
    .selectFrom('impactRuns')
    .select(columns(false))
    .where('parametersKey', '=', parametersKey)
    .where('dataVersion', '=', dataVersion)
    .where('status', '<>', 'failed')
    .orderBy(sql`status = 'done'`, 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? parse(r as Raw) : undefined;
}

/** Serialise launches of the same parameters (inside a transaction): two identical requests make one run. */
export async function lockParameters(db: Db, parametersKey: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`polaris.impact-run:${parametersKey}`}))`.execute(db);
}

/** Newest first, without results (they can be large). */
export async function listRuns(db: Db, q: { status?: RunStatus; limit: number; offset: number }) {
  let query = db.selectFrom('impactRuns');
  if (q.status) query = query.where('status', '=', q.status);
  const [rows, total] = await Promise.all([
    query
      .select(columns(false))
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => parse(r as Raw)), total: total.n };
}

/** The oldest queued run, or undefined: the runner's queue is the table itself. */
export async function oldestQueued(db: Db): Promise<number | undefined> {
  const r = await db
    .selectFrom('impactRuns')
    .select('id')
    .where('status', '=', 'queued')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return r?.id;
}

/** queued → running; false when another taker (or a sweep) changed it first. */
export async function claimRun(db: Db, id: number): Promise<boolean> {
  const r = await db
    .updateTable('impactRuns')
    .set({ status: 'running', progress: 0, startedAt: new Date(), message: null })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setProgress(db: Db, id: number, progress: number, message?: string | null) {
  await db
    .updateTable('impactRuns')
    .set({ progress: Math.min(1, Math.max(0, progress)), ...(message !== undefined ? { message } : {}) })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

/** The data version the run actually read (the panel may have changed while it was queued). */
export async function setDataVersion(db: Db, id: number, dataVersion: number) {
  await db.updateTable('impactRuns').set({ dataVersion }).where('id', '=', id).execute();
}

export async function finishRun(db: Db, id: number, result: unknown, message: string | null = null) {
  await db
    .updateTable('impactRuns')
    .set({ status: 'done', progress: 1, result: JSON.stringify(result), message, finishedAt: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function failRun(db: Db, id: number, message: string) {
  await db
    .updateTable('impactRuns')
    .set({ status: 'failed', message, finishedAt: new Date() })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .execute();
}

/** Start-up sweep: runs left `running` by a stopped process cannot resume; they are marked failed. */
export async function failInterrupted(db: Db, message: string): Promise<number> {
  const r = await db
    .updateTable('impactRuns')
    .set({ status: 'failed', message, finishedAt: new Date() })
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
