import { Command, CommanderError } from 'commander';
import { attGt } from '../analytics/impact/attgt.ts';
import { did2x2, didMeans, type MeansTable } from '../analytics/impact/did2x2.ts';
import type { VcovType } from '../analytics/impact/ols.ts';
import { twfe } from '../analytics/impact/twfe.ts';
import type { AttGtResult } from '../analytics/impact/types.ts';
import { PolarisError } from '../domain/errors.ts';
import { indexIds, type PanelFile, readPanelPath, toBalancedPanel, toLongPanel } from '../io/panel-file.ts';
import { attgtText, didText, twfeText } from './impact-text.ts';

/**
 * `polaris impact attgt | did | twfe`: the evaluators' standalone commands. They read a panel
 * file (CSV, XLSX or Parquet, one row per unit and period) and never open the database. `--json` prints
 * plain numbers (NaN as null); the text report is French first with Belgian number formats.
 * Bad input — a missing column, a cell that is not a number, an unknown option value — prints the
 * problem with its row and column and returns exit code 1.
 */

export interface Output {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const PROCESS_OUTPUT: Output = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

interface Common {
  panel: string;
  outcome: string;
  covariates?: string;
  json?: boolean;
}
export interface AttGtCommandOptions extends Common {
  id: string;
  time: string;
  cohort: string;
  control?: string;
  method?: string;
  bootstrap?: string;
  seed?: string;
}
export interface DidCommandOptions extends Common {
  treated: string;
  post: string;
  id?: string;
  se?: string;
  balanced?: boolean;
}
export interface TwfeCommandOptions extends Common {
  id: string;
  time: string;
  treated: string;
  se?: string;
  fixefK?: string;
  effects?: string;
}

/** Thrown for a bad command line: printed as is, exit code 1. */
class UsageError extends Error {}

function choice<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} "${value}" is not one of: ${allowed.join(', ')}`);
}

function count(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} "${value}" is not a whole number ≥ 0`);
  return Number(value);
}

const list = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);

// ---------------------------------------------------------------- did

/** `polaris impact did`: the 2×2 regression (and Card & Krueger's table of means). */
export async function didCommand(o: DidCommandOptions, io: Output = PROCESS_OUTPUT): Promise<number> {
  return guarded(io, 'did', async () => {
    const covariates = list(o.covariates);
    const vcov = choice<VcovType>('se', o.se, ['classic', 'hc1', 'cluster'], o.id ? 'cluster' : 'classic');
    if (vcov === 'cluster' && !o.id)
      throw new UsageError('--se cluster needs --id COL (the unit to cluster on)');
    if (o.balanced && !o.id) throw new UsageError('--balanced needs --id COL');
    const file = await readPanelPath(o.panel, {
      numbers: [o.outcome, o.treated, o.post, ...covariates],
      labels: o.id ? [o.id] : [],
    });
    let unit: Int32Array | undefined;
    let keep: Uint8Array | undefined;
    if (o.id) {
      unit = indexIds(file.labels[o.id]!).index;
      if (o.balanced) keep = balancedRows(file, unit, o);
    }
    const pick = (v: Float64Array) => (keep ? v.filter((_, i) => keep![i] === 1) : v);
    const y = pick(file.numbers[o.outcome]!);
    const treated = pick(file.numbers[o.treated]!);
    const post = pick(file.numbers[o.post]!);
    const u = unit && keep ? unit.filter((_, i) => keep![i] === 1) : unit;
    const result = did2x2({
      y,
      treated,
      post,
      unit: u,
      vcov,
      covariates: covariates.length
        ? { names: covariates, values: covariates.map((c) => pick(file.numbers[c]!)) }
        : undefined,
    });
    let means: MeansTable | undefined;
    try {
      means = didMeans({ y, treated, post, unit: u, balanced: o.balanced === true });
    } catch {
      means = undefined; // a cell with fewer than two values: the regression still stands
    }
    // name the coefficients after the file's columns
    const rename: Record<string, string> = {
      treated: o.treated,
      post: o.post,
      'treated:post': `${o.treated}:${o.post}`,
    };
    for (const c of result.coefficients) c.name = rename[c.name] ?? c.name;
    const { fit: _fit, ...json } = result;
    if (o.json) io.stdout(`${JSON.stringify({ ...json, means }, null, 2)}\n`);
    else io.stdout(`${didText(o, file, result, means).join('\n')}\n`);
    return 0;
  });
}

/** Rows of units seen with a non-missing outcome both before and after (post 0 and 1). */
function balancedRows(file: PanelFile, unit: Int32Array, o: DidCommandOptions): Uint8Array {
  const y = file.numbers[o.outcome]!;
  const post = file.numbers[o.post]!;
  const seen = new Uint8Array(Math.max(0, ...unit) + 1);
  for (let i = 0; i < unit.length; i++)
    if (!Number.isNaN(y[i]!) && (post[i] === 0 || post[i] === 1)) seen[unit[i]!]! |= post[i] === 1 ? 2 : 1;
  return Uint8Array.from(unit, (u, i) => (seen[u] === 3 && !Number.isNaN(y[i]!) ? 1 : 0));
}
// ---------------------------------------------------------------- twfe

/** `polaris impact twfe`: unit and period fixed effects, clustered by unit. */
export async function twfeCommand(o: TwfeCommandOptions, io: Output = PROCESS_OUTPUT): Promise<number> {
  return guarded(io, 'twfe', async () => {
    const covariates = list(o.covariates);
    const vcov = choice<VcovType>('se', o.se, ['classic', 'hc1', 'cluster'], 'cluster');
    const fixefK = choice('fixef-k', o.fixefK, ['full', 'nested'] as const, 'full');
    const effects = choice('effects', o.effects, ['twoway', 'unit'] as const, 'twoway');
    const file = await readPanelPath(o.panel, {
      numbers: [o.time, o.outcome, o.treated, ...covariates],
      labels: [o.id],
    });
    const long = toLongPanel(file, { id: o.id, time: o.time });
    const used = [o.outcome, o.treated, ...covariates];
    const rows: number[] = [];
    for (let i = 0; i < file.rows; i++)
      if (used.every((c) => !Number.isNaN(file.numbers[c]![i]!))) rows.push(i);
    const sub = (v: Float64Array) => Float64Array.from(rows, (i) => v[i]!);
    const result = twfe({
      unit: Int32Array.from(rows, (i) => long.unit[i]!),
      time: effects === 'twoway' ? Int32Array.from(rows, (i) => long.time[i]!) : undefined,
      y: sub(file.numbers[o.outcome]!),
      x: {
        names: [o.treated, ...covariates],
        values: [o.treated, ...covariates].map((c) => sub(file.numbers[c]!)),
      },
      vcov,
      fixefK,
    });
    const coefficients = result.names.map((name, j) => ({
      name,
      estimate: result.coefficients[j]!,
      se: result.se[j]!,
      pValue: result.pValues[j]!,
    }));
    const json = {
      att: result.coefficients[0]!,
      se: result.se[0]!,
      pValue: result.pValues[0]!,
      n: result.n,
      dropped: file.rows - rows.length,
      units: result.units,
      periods: result.periods,
      vcov,
      clusters: result.fit.clusters,
      fixefK,
      absorbedDof: result.absorbedDof,
      coefficients,
      convention: result.convention,
    };
    if (o.json) io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    else io.stdout(`${twfeText(o, result, json.dropped).join('\n')}\n`);
    return 0;
  });
}

// ---------------------------------------------------------------- attgt

/** `polaris impact attgt`: Callaway & Sant'Anna group-time effects and their aggregations. */
export async function attgtCommand(o: AttGtCommandOptions, io: Output = PROCESS_OUTPUT): Promise<number> {
  return guarded(io, 'attgt', async () => {
    const covariates = list(o.covariates);
    const control = choice('control', o.control, ['never', 'notyet'] as const, 'never');
    const method = choice('method', o.method, ['dr', 'ipw', 'reg'] as const, 'dr');
    const bootstrap = count('bootstrap', o.bootstrap, 0);
    const seed = count('seed', o.seed, 1);
    const file = await readPanelPath(o.panel, {
      numbers: [o.time, o.outcome, o.cohort, ...covariates],
      labels: [o.id],
    });
    const built = toBalancedPanel(file, {
      id: o.id,
      time: o.time,
      outcome: o.outcome,
      cohort: o.cohort,
      covariates,
    });
    const report = attGt(built.panel, { control, method, bootstrap, seed });
    const warnings = [...built.warnings, ...report.warnings];
    const est = (e: { att: number; se: number }) => ({ att: e.att, se: e.se });
    const result: AttGtResult & Record<string, unknown> = {
      attgt: report.attgt.map((c) => ({ group: c.group, time: c.time, att: c.att, se: c.se })),
      aggregates: {
        simple: est(report.aggregates.simple),
        group: {
          ...est(report.aggregates.group),
          rows: report.aggregates.group.rows.map((r) => ({ group: r.group, ...est(r) })),
        },
        dynamic: {
          ...est(report.aggregates.dynamic),
          rows: report.aggregates.dynamic.rows.map((r) => ({ event: r.event, ...est(r) })),
        },
        calendar: {
          ...est(report.aggregates.calendar),
          rows: report.aggregates.calendar.rows.map((r) => ({ time: r.time, ...est(r) })),
        },
      },
      n: report.n,
      periods: report.periods,
      groups: report.groups,
      control,
      method,
      bootstrap: report.bootstrap,
      pretest: report.pretest,
      warnings,
    };
    if (o.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else {
      for (const w of warnings) io.stderr(`polaris impact attgt: attention (warning): ${w}\n`);
      io.stdout(`${attgtText(o, result).join('\n')}\n`);
    }
    return 0;
  });
}

// ---------------------------------------------------------------- wiring

async function guarded(io: Output, name: string, fn: () => Promise<number>): Promise<number> {
  const prefix = `polaris impact ${name}`;
  try {
    return await fn();
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${prefix}: ${e.message}\nTry: ${prefix} --help\n`);
      return 1;
    }
    if (e instanceof PolarisError) {
      io.stderr(`${prefix}: ${e.message}\n`);
      for (const d of e.details.slice(0, 20))
        io.stderr(`  ✗ ${d.path}: ${d.message}${d.value ? ` [${d.value}]` : ''}\n`);
      return 1;
    }
    throw e;
  }
}

type Wrap = <A extends unknown[]>(
  fn: (...args: A) => Promise<number | undefined>,
) => (...args: A) => Promise<void>;

/** The `impact` command group, for src/cli/main.ts (`wrap` turns the returned number into the exit code). */
export function impactCommand(wrap: Wrap, io: Output = PROCESS_OUTPUT): Command {
  const impact = new Command('impact').description(
    'impact evaluation on a panel file (difference-in-differences; standalone: no database)',
  );
  const panel = (c: Command) =>
    c
      .requiredOption('--panel <file>', 'panel file, CSV, XLSX or Parquet, one row per unit and period')
      .requiredOption('--outcome <col>', 'outcome column')
      .option('--covariates <cols>', 'covariate columns, comma-separated')
      .option('--json', 'print the result as JSON');
  panel(impact.command('attgt'))
    .description("group-time ATT with staggered adoption (Callaway & Sant'Anna 2021, as R's did::att_gt)")
    .requiredOption('--id <col>', 'unit id column')
    .requiredOption('--time <col>', 'period column (whole numbers, e.g. years)')
    .requiredOption('--cohort <col>', 'first treated period of the unit, 0 = never treated')
    .option('--control <never|notyet>', 'comparison units (default never)')
    .option('--method <dr|ipw|reg>', 'estimator per cell (default dr, doubly robust)')
    .option('--bootstrap <n>', 'multiplier-bootstrap draws (default 0: analytic SE)')
    .option('--seed <n>', 'bootstrap seed (default 1)')
    .addHelpText(
      'after',
      '\nUnits not observed in every period are dropped with a warning (as did::att_gt); a cohort that\nvaries within a unit is an error naming the id.',
    )
    .action(wrap((o: AttGtCommandOptions) => attgtCommand(o, io)));
  panel(impact.command('did'))
    .description('2×2 difference-in-differences: y = a + b·treated + c·post + d·treated·post [+ covariates]')
    .requiredOption('--treated <col>', 'treated group indicator (0/1)')
    .requiredOption('--post <col>', 'after-treatment period indicator (0/1)')
    .option(
      '--id <col>',
      'unit id: clusters the SE by unit (CR1) and pairs the periods in the table of means',
    )
    .option('--se <classic|hc1|cluster>', 'variance (default cluster with --id, else classic)')
    .option('--balanced', 'keep only units observed before and after (needs --id)')
    .action(wrap((o: DidCommandOptions) => didCommand(o, io)));
  panel(impact.command('twfe'))
    .description('two-way fixed effects: y = β·treated [+ covariates] + unit + period effects')
    .requiredOption('--id <col>', 'unit id column')
    .requiredOption('--time <col>', 'period column (whole numbers)')
    .requiredOption('--treated <col>', 'treatment column (1 when the unit is treated in that period)')
    .option('--se <cluster|hc1|classic>', 'variance (default cluster by unit, CR1)')
    .option('--fixef-k <full|nested>', 'K of the CR1 factor: full (Stata areg, default) or nested (fixest)')
    .option('--effects <twoway|unit>', 'unit and period effects (default) or unit effects only')
    .action(wrap((o: TwfeCommandOptions) => twfeCommand(o, io)));
  return impact;
}

/** Run `polaris impact …` in-process (tests): returns the exit code; commander's own errors give 1. */
export async function runImpact(args: string[], io: Output): Promise<number> {
  let code = 0;
  const wrap: Wrap =
    (fn) =>
    async (...a) => {
      code = (await fn(...a)) ?? 0;
    };
  const cmd = impactCommand(wrap, io);
  const configure = (c: Command) => {
    c.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    c.commands.forEach(configure);
  };
  configure(cmd);
  try {
    await cmd.parseAsync(args, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1;
    throw e;
  }
  return code;
}
