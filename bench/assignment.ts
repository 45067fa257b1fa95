import { mkdirSync, writeFileSync } from 'node:fs';
import {
  assignmentPairs,
  assignReviewers,
  evaluateAssignment,
  greedyAssignment,
} from '../src/analytics/assignment/index.ts';
import { juryInstance } from '../src/analytics/assignment/test-instances.ts';
import { evaluate, WALLOON_RD_RULES } from '../src/domain/eligibility/index.ts';
import { twelvePartners } from '../src/domain/eligibility/test-fixtures.ts';

/**
 * `node --import tsx bench/assignment.ts`: the two pure cores of the jury review.
 *  1. Optimal reviewer assignment: 400 projects × 150 reviewers, 3 reviewers per project, load
 *     limit 9–10, ~5 % random conflicts plus institution-clustered ones (seeded). Time of the
 *     exact min-cost flow (target < 2 s), its total affinity against a greedy baseline's.
 *  2. Eligibility of a 12-partner consortium against WALLOON_RD_RULES: mean and p99 of 100,000
 *     evaluations (target < 1 ms).
 * Env: BENCH_SEED (2024), BENCH_RUNS (5 assignment runs, median reported), BENCH_EVALS (100000).
 * Writes bench/out/assignment.json.
 */

const SEED = Number(process.env.BENCH_SEED ?? 2024);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const EVALS = Number(process.env.BENCH_EVALS ?? 100_000);
const P = 400;
const R = 150;
const K = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function benchAssignment() {
  const pb = juryInstance(SEED, P, R, K, { conflictRate: 0.05, minLoad: 9, maxLoad: 10 });
  let conflicts = 0;
  for (const c of pb.conflicts!) conflicts += c;
  let capacity = 0;
  for (const l of pb.load as Int32Array) capacity += l;

  const times: number[] = [];
  let best = assignReviewers(pb); // warm-up (JIT), not timed
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    best = assignReviewers(pb);
    times.push(performance.now() - t);
  }
  const t = performance.now();
  const greedy = greedyAssignment(pb);
  const greedyMs = performance.now() - t;
  const check = evaluateAssignment(pb, assignmentPairs(best));
  return {
    projects: P,
    reviewers: R,
    reviewersPerProject: K,
    loadLimits: '9–10',
    conflictShare: conflicts / (P * R),
    demand: P * K,
    capacity,
    feasible: best.feasible,
    valid: check.valid,
    assigned: best.assigned,
    augmentations: best.stats.augmentations,
    medianMs: median(times),
    runsMs: times.map((x) => Math.round(x * 10) / 10),
    totalAffinity: best.totalAffinity,
    greedy: { assigned: greedy.assigned, totalAffinity: greedy.totalAffinity, ms: greedyMs },
    gainOverGreedy: (best.totalAffinity - greedy.totalAffinity) / greedy.totalAffinity,
  };
}

function benchEligibility() {
  const c = twelvePartners();
  const samples = new Float64Array(EVALS);
  let eligible = 0;
  for (let i = 0; i < 2_000; i++) evaluate(WALLOON_RD_RULES, c); // warm-up
  for (let i = 0; i < EVALS; i++) {
    const t = process.hrtime.bigint();
    const r = evaluate(WALLOON_RD_RULES, c);
    samples[i] = Number(process.hrtime.bigint() - t) / 1e6;
    if (r.eligible) eligible++;
  }
  let sum = 0;
  for (const s of samples) sum += s;
  samples.sort();
  const at = (q: number) => samples[Math.min(EVALS - 1, Math.floor(q * EVALS))]!;
  return {
    partners: c.partners.length,
    rules: WALLOON_RD_RULES.rules.length,
    evaluations: EVALS,
    eligible: eligible === EVALS,
    meanMs: sum / EVALS,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: samples[EVALS - 1]!,
  };
}

const assignment = benchAssignment();
const eligibility = benchEligibility();

const f = (x: number, d = 1) =>
  x.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
console.log('\n| benchmark | figure | target |');
console.log('|---|---|---|');
console.log(
  `| assignment ${P}×${R}, k=${K}, loads 9–10, ${f(assignment.conflictShare * 100)} % conflicts | ${f(assignment.medianMs)} ms median of ${RUNS} (${assignment.augmentations} augmentations) | < 2,000 ms |`,
);
console.log(
  `| total affinity: optimal vs greedy | ${f(assignment.totalAffinity, 3)} vs ${f(assignment.greedy.totalAffinity, 3)} (+${f(assignment.gainOverGreedy * 100, 2)} %); ${assignment.assigned}/${assignment.demand} vs ${assignment.greedy.assigned}/${assignment.demand} places | optimal ≥ greedy |`,
);
console.log(
  `| eligibility, ${eligibility.partners} partners × ${eligibility.rules} rules | mean ${f(eligibility.meanMs * 1000)} µs, p99 ${f(eligibility.p99Ms * 1000)} µs over ${EVALS.toLocaleString('en')} | < 1,000 µs |`,
);
if (!assignment.feasible || !assignment.valid || !eligibility.eligible) {
  console.error('unexpected: the bench instance should be feasible and the consortium eligible');
  process.exitCode = 1;
}

mkdirSync('bench/out', { recursive: true });
writeFileSync(
  'bench/out/assignment.json',
  JSON.stringify(
    { at: new Date().toISOString(), seed: SEED, node: process.version, assignment, eligibility },
    null,
    2,
  ),
);
console.log('\nwritten bench/out/assignment.json');
