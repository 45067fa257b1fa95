import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { RankingSummary } from '../analytics/matchmaking/metrics.ts';
import { PolarisError, ValidationError } from '../domain/errors.ts';
import { parseCordisParticipations } from '../io/cordis-participations.ts';
import { readSheet } from '../io/spreadsheet.ts';
import { evaluateCordis } from '../modules/matchmaking/evaluation-cordis.ts';
import { evaluateStored } from '../modules/matchmaking/evaluation-stored.ts';
import { openForCommand } from './database.ts';

/**
 * `polaris matchmaking evaluate`: offline evaluation of partner recommendation (leave-one-out on
 * real consortia, hit@10 and MRR against the popularity and text-only baselines). With
 * `--participations FILE.csv` (CORDIS format) it reads only the file and never opens the
 * database; without, it evaluates on the stored public projects.
 */

type Wrap = <A extends unknown[]>(
  fn: (...args: A) => Promise<number | undefined>,
) => (...args: A) => Promise<void>;

export interface EvaluateOptions {
  participations?: string;
  json?: boolean;
  novelty?: string;
  minPartners?: string;
}

export interface Output {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const PROCESS_OUTPUT: Output = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

const metric = (m: RankingSummary | null) =>
  m ? { hit10: round(m.hit10), mrr: round(m.mrr), meanRank: round(m.meanRank) } : null;
const round = (x: number) => Math.round(x * 1e4) / 1e4;

function number(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min || v > max)
    throw new ValidationError(`--${name} must be a number between ${min} and ${max}`, [
      { path: `--${name}`, message: `expected a number between ${min} and ${max}`, value: raw },
    ]);
  return v;
}

export async function evaluateCommand(o: EvaluateOptions, out: Output = PROCESS_OUTPUT): Promise<number> {
  try {
    const opts = {
      noveltyWeight: number('novelty', o.novelty, 0, 1),
      minPartners: number('min-partners', o.minPartners, 2, 1000),
    };
    let dataset: string;
    let r: Awaited<ReturnType<typeof evaluateStored>>;
    if (o.participations) {
      const sheet = await readSheet(readFileSync(o.participations));
      r = evaluateCordis(parseCordisParticipations(sheet).projects, opts);
      dataset = o.participations;
    } else {
      const h = await openForCommand('matchmaking');
      try {
        r = await evaluateStored(h.db, opts);
        dataset = `stored projects (${h.location})`;
      } finally {
        await h.close();
      }
    }
    const report = {
      dataset,
      methods: {
        recommender: metric(r.methods.recommender),
        popularity: metric(r.methods.popularity),
        text: metric(r.methods.text),
      },
      projects: r.projects,
      queries: r.queries,
      organisations: r.organisations,
      coldStart: r.coldStart,
      protocol: r.protocol,
      notes: r.methods.text
        ? []
        : ['text: the data has no text, so the text-only method cannot rank (not run)'],
    };
    if (o.json) {
      out.stdout(`${JSON.stringify(report, null, 2)}\n`);
      return 0;
    }
    const row = (name: string, m: ReturnType<typeof metric>) =>
      `${name.padEnd(12)} ${m ? m.hit10.toFixed(3).padStart(7) : '    n/a'} ${m ? m.mrr.toFixed(3).padStart(7) : '    n/a'} ${m ? m.meanRank.toFixed(1).padStart(10) : '       n/a'}\n`;
    out.stdout(`Partner recommendation, leave-one-out — ${dataset}\n`);
    out.stdout(
      `${r.projects} projects, ${r.queries} hidden partners (${r.coldStart} with no earlier project), ${r.organisations} organisations\n\n`,
    );
    out.stdout(
      `${'method'.padEnd(12)} ${'hit@10'.padStart(7)} ${'MRR'.padStart(7)} ${'mean rank'.padStart(10)}\n`,
    );
    out.stdout(row('recommender', report.methods.recommender));
    out.stdout(row('popularity', report.methods.popularity));
    out.stdout(row('text', report.methods.text));
    out.stdout(`\n${r.protocol}\n`);
    for (const n of report.notes) out.stdout(`${n}\n`);
    return 0;
  } catch (e) {
    if (e instanceof PolarisError || (e as NodeJS.ErrnoException).code === 'ENOENT') {
      if (!(e instanceof PolarisError)) {
        out.stderr(`polaris matchmaking evaluate: cannot read ${o.participations}: no such file\n`);
        return 1;
      }
      out.stderr(`polaris matchmaking evaluate: ${e.message}\n`);
      for (const d of e.details.slice(0, 20))
        out.stderr(`  ${d.path}: ${d.message}${d.value ? ` ("${d.value}")` : ''}\n`);
      return 1;
    }
    throw e;
  }
}

/** The `matchmaking` command group, for src/cli/main.ts. */
export function matchmakingCommand(wrap: Wrap): Command {
  const mm = new Command('matchmaking').description('partner recommendation');
  mm.command('evaluate')
    .description(
      'offline evaluation: leave-one-out on real consortia (each partner hidden in turn), hit@10 and MRR of the recommender against popularity and text-only baselines',
    )
    .option(
      '--participations <file>',
      'a CORDIS participation file (rcn, role, pic, type, …): graph signals only; the database is not opened',
    )
    .option('--json', 'print the report as JSON')
    .option('--novelty <weight>', 'novelty weight 0..1 of the recommender (default 0.1, as the API)')
    .option('--min-partners <n>', 'evaluate projects with at least this many partners (default 3)')
    .action(wrap((o: EvaluateOptions) => evaluateCommand(o)));
  return mm;
}
