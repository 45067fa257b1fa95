/**
 * Benchmark of the Callaway–Sant'Anna estimator (`src/analytics/impact/attgt.ts`):
 * a generated panel of 100,000 firms × 20 years (2 M firm-years), 8 cohorts + never treated,
 * 3 covariates (constant over time, as baseline firm characteristics; one configuration with
 * time-varying ones, where no two cells share a propensity fit); ATT(g,t) doubly robust with
 * covariates, without bootstrap and with 999 multiplier-bootstrap draws. Targets: < 10 s and
 * < 30 s on a 2-core machine.
 *
 * Each configuration runs in its own child process (so peak RSS and heap are its own), `--repeat`
 * times (default 3, median reported), with its CPU time (user + system, all threads): on a shared
 * machine the wall time depends on the load, the CPU time much less. Usage:
 *   npm run bench:impact [-- --units 100000 --repeat 3 --threads 2]
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { attGt } from '../src/analytics/impact/attgt.ts';
import { attGtParallel } from '../src/analytics/impact/attgt-parallel.ts';
import { simulatePanel } from '../src/analytics/impact/simulate.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const UNITS = arg('units', 100_000);
const YEARS = 20;
const COHORTS = [2004, 2006, 2008, 2010, 2012, 2014, 2016, 2018];

interface Config {
  name: string;
  control: 'never' | 'notyet';
  bootstrap: number;
  threads: number;
  /** Period noise on the continuous covariates (time-varying: no propensity fit is shared). */
  drift?: number;
}

interface Measure {
  config: string;
  seconds: number;
  /** CPU seconds of the process (all threads): what the run costs without contention. */
  cpuSeconds: number;
  cells: number;
  simple: number;
  se: number;
  peakRssMB: number;
  heapMB: number;
  arrayBuffersMB: number;
}

async function runOne(config: Config): Promise<Measure> {
  const { panel } = simulatePanel({
    units: UNITS,
    periods: YEARS,
    firstPeriod: 2001,
    cohorts: COHORTS,
    covariates: 3,
    neverShare: 0.4,
    covariateDrift: config.drift ?? 0,
    seed: 2026,
  });
  const options = { control: config.control, method: 'dr' as const, bootstrap: config.bootstrap, seed: 1 };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const report =
    config.threads > 1
      ? await attGtParallel(panel, { ...options, threads: config.threads })
      : attGt(panel, options);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const mem = process.memoryUsage();
  return {
    config: config.name,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    cells: report.attgt.length,
    simple: report.aggregates.simple.att,
    se: report.aggregates.simple.se,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    heapMB: mem.heapUsed / 1e6,
    arrayBuffersMB: mem.arrayBuffers / 1e6,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const child = process.argv.indexOf('--child');
  if (child >= 0) {
    const config = JSON.parse(process.argv[child + 1]!) as Config;
    process.stdout.write(`${JSON.stringify(await runOne(config))}\n`);
    return;
  }
  const repeat = arg('repeat', 3);
  const threads = arg('threads', Math.min(2, availableParallelism()));
  const configs: Config[] = [
    { name: 'dr, never treated, analytic', control: 'never', bootstrap: 0, threads: 1 },
    { name: 'dr, never treated, 999 bootstrap draws', control: 'never', bootstrap: 999, threads: 1 },
    { name: `dr, never treated, analytic, ${threads} threads`, control: 'never', bootstrap: 0, threads },
    { name: `dr, never treated, 999 draws, ${threads} threads`, control: 'never', bootstrap: 999, threads },
    { name: 'dr, not yet treated, analytic', control: 'notyet', bootstrap: 0, threads: 1 },
    {
      name: 'dr, never, analytic, time-varying covariates',
      control: 'never',
      bootstrap: 0,
      threads: 1,
      drift: 0.3,
    },
  ];
  const load = loadavg().map((l) => l.toFixed(2));
  console.log(
    `Callaway–Sant'Anna ATT(g,t): ${UNITS.toLocaleString('en')} firms × ${YEARS} years, ${COHORTS.length} cohorts + never treated, 3 covariates`,
  );
  console.log(
    `machine: ${availableParallelism()} cores, load average ${load.join(' / ')} (1 / 5 / 15 min)\n`,
  );
  for (const config of configs) {
    const runs: Measure[] = [];
    for (let r = 0; r < repeat; r++) {
      const out = execFileSync(
        process.execPath,
        [
          ...process.execArgv,
          new URL(import.meta.url).pathname,
          '--units',
          String(UNITS),
          '--child',
          JSON.stringify(config),
        ],
        { encoding: 'utf8', maxBuffer: 1 << 20 },
      );
      runs.push(JSON.parse(out.trim().split('\n').at(-1)!) as Measure);
    }
    const m = runs[0]!;
    console.log(
      `${config.name.padEnd(46)} ${median(runs.map((x) => x.seconds))
        .toFixed(2)
        .padStart(6)} s` +
        `  (runs: ${runs.map((x) => x.seconds.toFixed(2)).join(', ')}; CPU ${median(runs.map((x) => x.cpuSeconds)).toFixed(2)} s)` +
        `  peak RSS ${median(runs.map((x) => x.peakRssMB)).toFixed(0)} MB, heap ${m.heapMB.toFixed(0)} MB` +
        ` + typed arrays ${m.arrayBuffersMB.toFixed(0)} MB; ${m.cells} cells, simple ATT ${m.simple.toFixed(4)} (se ${m.se.toFixed(4)})`,
    );
  }
  console.log(
    `\nload average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')}`,
  );
}

await main();
