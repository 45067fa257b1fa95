import type { Db } from '../../db/database.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { SYSTEM } from '../auth/actor.ts';
import type { Ctx } from '../context.ts';
import { impactSeries } from './descriptive.service.ts';
import { CONFIDENTIALITY } from './impact.policy.ts';
import { buildRunPanel, checkPopulation, runPeriod } from './impact-runs.panel.ts';
import { authorizeRun, canRun, publicResult } from './impact-runs.policy.ts';
import * as repo from './impact-runs.repository.ts';
import { type ExecuteRun, ImpactRunner } from './impact-runs.runner.ts';
import { type RunParameters, runParameters } from './impact-runs.schemas.ts';
import { runInWorker } from './impact-runs.thread.ts';
import type { RunResult } from './impact-runs.types.ts';
import { dataVersion } from './panel.repository.ts';
import { panelSnapshot } from './panel-snapshot.ts';

/**
 * Impact runs: launch (with reuse of a stored result), read, list — the job itself runs in the
 * process's `ImpactRunner` (impact-runs.runner.ts), the estimation on a worker thread.
 */

/** A run as the API serves it. */
export interface RunView {
  id: number;
  kind: repo.RunKind;
  status: repo.RunStatus;
  progress: number;
  message: string | null;
  dataVersion: number;
  parameters: RunParameters;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** the launching account (managers and admins only) */
  createdBy?: number | null;
  result: RunResult | null;
  confidentiality: { minFirms: number; applied: boolean; suppressed: number };
}

/** Parameters a given estimator does not read are dropped, so they do not split the reuse key. */
const UNUSED: Record<RunParameters['estimator'], (keyof RunParameters)[]> = {
  attgt: ['matching'],
  did: ['control', 'method', 'bootstrap', 'seed', 'matching'],
  twfe: ['control', 'method', 'bootstrap', 'seed', 'matching', 'covariates'],
  matching: ['control', 'method', 'bootstrap', 'seed'],
};

/** Sets sorted and deduplicated, estimator-irrelevant fields removed, the period filled in. */
export function normaliseParameters(p: RunParameters, period: { from: number; to: number }): RunParameters {
  const out: Partial<RunParameters> = {
    ...p,
    covariates: [...new Set(p.covariates)].sort(),
    sectors: [...new Set(p.sectors.map((s) => s.toUpperCase()))].sort(),
    provinces: [...new Set(p.provinces)].sort(),
    period,
  };
  for (const k of UNUSED[p.estimator]) delete out[k];
  return out as RunParameters;
}

/** JSON with keys in a fixed order: equal parameters give equal text. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

const runners = new WeakMap<Db, ImpactRunner>();

/** The runner of this process for this database (created on first use). */
export function runnerFor(db: Db): ImpactRunner {
  let r = runners.get(db);
  if (!r) {
    r = new ImpactRunner(db, (run, progress, signal) => executeRun(db, run, progress, signal));
    runners.set(db, r);
  }
  return r;
}

/** Stop and forget the runner of `db` (app shutdown). */
export async function stopRunner(db: Db): Promise<void> {
  const r = runners.get(db);
  runners.delete(db);
  await r?.stop();
}

/** What the runner executes: build the panel (main thread), estimate (worker), add the headline. */
const executeRun = async (
  db: Db,
  run: repo.RunRow,
  progress: Parameters<ExecuteRun>[1],
  signal: AbortSignal,
): Promise<Awaited<ReturnType<ExecuteRun>>> => {
  const ctx: Ctx = { db, actor: SYSTEM };
  const params = runParameters.parse(run.parameters);
  const version = await dataVersion(db);
  progress(0, 'building the panel');
  const built = await buildRunPanel(ctx, params);
  const result = await runInWorker({ params, panel: built.panel }, progress, signal);
  result.sample = {
    ...result.sample,
    population: built.population,
    dropped: built.dropped,
    sectors: built.sectors,
    panelVersion: built.panelVersion,
  };
  result.descriptive = await descriptiveFor(ctx, params);
  return { result, dataVersion: version };
};

/** The descriptive headline on the same outcome, treatment, population and period (fixed composition). */
async function descriptiveFor(ctx: Ctx, p: RunParameters): Promise<RunResult['descriptive']> {
  if (!p.period) return null;
  try {
    const s = await impactSeries(ctx, {
      outcome: p.outcome,
      treatment: p.treatment,
      from: p.period.from,
      to: p.period.to,
      composition: 'balanced',
      sectors: p.sectors,
      region: p.region,
      provinces: p.provinces.length ? p.provinces : undefined,
    });
    const [members, rest] = s.overall;
    return {
      membersGrowth: members?.growth ?? null,
      restGrowth: rest?.growth ?? null,
      headline: s.headline,
      composition: 'balanced',
      suppressed: Boolean(members?.growthSuppressed || rest?.growthSuppressed),
    };
  } catch {
    return null;
  }
}

function view(ctx: Ctx, r: repo.RunRow): RunView {
  const full = canRun(ctx.actor, 'run:unsuppressed');
  let result = r.result as RunResult | null;
  let suppressed = 0;
  if (result && !full) ({ result, suppressed } = publicResult(result));
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    progress: r.progress,
    message: r.message,
    dataVersion: r.dataVersion,
    parameters: r.parameters as RunParameters,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    ...(full ? { createdBy: r.createdBy } : {}),
    result,
    confidentiality: { minFirms: CONFIDENTIALITY.minFirms, applied: !full, suppressed },
  };
}

/**
 * The demo's reference run, queued by `polaris serve` after it loads the demo data so that the
 * observatory shows a causal estimate beside the headline: Callaway & Sant'Anna, doubly robust,
 * never-treated comparison, size and sector at the base period, 2007–2017 (the policy's period).
 */
export async function launchDemoRun(db: Db): Promise<RunView> {
  const params = runParameters.parse({
    estimator: 'attgt',
    period: { from: 2007, to: 2017 },
    covariates: ['size', 'sector'],
  });
  return (await launchRun({ db, actor: SYSTEM }, params)).run;
}

/**
 * Launch a run, or reuse one: identical (normalised) parameters on the same data version give
 * the stored run — finished, or still queued or running (the caller then follows that one).
 */
export async function launchRun(ctx: Ctx, input: RunParameters): Promise<{ run: RunView; reused: boolean }> {
  authorizeRun(ctx.actor, 'run:launch');
  checkPopulation(input);
  const snap = await panelSnapshot(ctx.db);
  const params = normaliseParameters(input, runPeriod(snap, input.period));
  if (input.treatment.startsWith('network:')) {
    const slug = input.treatment.slice('network:'.length);
    const n = await ctx.db.selectFrom('networks').select('id').where('slug', '=', slug).executeTakeFirst();
    if (!n)
      throw new ValidationError('Unknown network', [
        { path: 'treatment', value: slug, message: `no network has the slug "${slug}"` },
      ]);
  }
  const key = canonicalJson(params);
  const version = await dataVersion(ctx.db);
  const launched = await ctx.db.transaction().execute(async (trx) => {
    await repo.lockParameters(trx, key);
    const existing = await repo.findReusable(trx, key, version);
    if (existing) return { row: (await repo.findRun(trx, existing.id)) ?? existing, reused: true };
    const row = await repo.insertRun(trx, {
      kind: params.estimator,
      parameters: params,
      parametersKey: key,
      dataVersion: version,
      createdBy: ctx.actor.userId,
    });
    return { row, reused: false };
  });
  if (launched.reused) return { run: view(ctx, launched.row), reused: true };
  runnerFor(ctx.db).wake();
  return { run: view(ctx, launched.row), reused: false };
}

export async function getRun(ctx: Ctx, id: number): Promise<RunView> {
  const r = await repo.findRun(ctx.db, id);
  if (!r) throw new NotFoundError(`Impact run ${id}`);
  return view(ctx, r);
}

/** Newest first; results are left out (read one run for its result). */
export async function listRuns(ctx: Ctx, q: { status?: repo.RunStatus; limit: number; offset: number }) {
  const { items, total } = await repo.listRuns(ctx.db, q);
  return { items: items.map((r) => ({ ...view(ctx, r), result: null })), total };
}
