import { type LooProject, type LooResult, leaveOneOut } from '../../analytics/matchmaking/leave-one-out.ts';
import { weightsFor } from '../../analytics/matchmaking/score.ts';
import type { CordisProject } from '../../io/cordis-participations.ts';

/**
 * Offline evaluation on a CORDIS participation file (`rcn, role, pic, type, …`): graph signals
 * only — the file has no text, no rules to complete and no networks. Organisations are the PICs
 * of the file; projects without a start date are history for nobody and evaluated by nobody (they
 * cannot be placed in time). Each project with ≥ 3 partners in the file (for the Belgian file:
 * ≥ 3 Belgian partners) is evaluated against the projects that started strictly before it, each
 * partner hidden in turn.
 */
export interface CordisEvaluation extends LooResult {
  organisations: number;
  /** projects in the file with a start date */
  history: number;
  /** the rule used to hide partners */
  protocol: string;
}

const DAY = 86_400_000;

export function evaluateCordis(
  projects: readonly CordisProject[],
  opts: { noveltyWeight?: number; minPartners?: number } = {},
): CordisEvaluation {
  const index = new Map<string, number>();
  const loo: LooProject[] = [];
  for (const p of projects) {
    if (!p.startDate) continue;
    const members: number[] = [];
    for (const x of p.participations) {
      let i = index.get(x.pic);
      if (i === undefined) {
        i = index.size;
        index.set(x.pic, i);
      }
      members.push(i);
    }
    loo.push({
      members: Int32Array.from(members),
      time: Math.floor(Date.parse(`${p.startDate}T00:00:00Z`) / DAY),
    });
  }
  const minPartners = opts.minPartners ?? 3;
  const r = leaveOneOut({
    n: index.size,
    projects: loo,
    minPartners,
    weights: weightsFor(opts.noveltyWeight ?? 0.1),
  });
  return {
    ...r,
    organisations: index.size,
    history: loo.length,
    protocol: `time-respecting leave-one-out: projects with ≥ ${minPartners} partners in the file, each partner hidden in turn, ranked among all ${index.size} organisations of the file (minus the consortium) on the graph of the projects started strictly before`,
  };
}
