import { basename } from 'node:path';
import type { Did2x2Result, MeansTable } from '../analytics/impact/did2x2.ts';
import type { TwfeResult } from '../analytics/impact/twfe.ts';
import type { AttGtResult } from '../analytics/impact/types.ts';
import type { PanelFile } from '../io/panel-file.ts';
import type { AttGtCommandOptions, DidCommandOptions, TwfeCommandOptions } from './impact.ts';

/** The readable reports of `polaris impact` (French first, English in brackets, Belgian numbers). */

/** A figure for people: Belgian format (1 234,5678), 4 significant decimals below 1,000. */
export function be(x: number, decimals?: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NA' : String(x);
  const d = decimals ?? (Math.abs(x) >= 1000 ? 2 : Math.abs(x) >= 1 ? 4 : 5);
  return x.toLocaleString('fr-BE', { minimumFractionDigits: d, maximumFractionDigits: d });
}

export function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map(
    (r) => `  ${r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ')}`,
  );
}

export const stars = (p: number) => (p < 0.01 ? '***' : p < 0.05 ? '**' : p < 0.1 ? '*' : '');

/** The did report: the regression, then Card & Krueger's table of means. */
export function didText(
  o: DidCommandOptions,
  file: PanelFile,
  r: Did2x2Result,
  m: MeansTable | undefined,
): string[] {
  const variance = {
    classic: 'classique (classic)',
    hc1: 'robuste HC1',
    cluster: `groupée par "${o.id}" CR1 (${r.clusters} groupes)`,
  }[r.vcov];
  const lines = [
    `Différence de différences 2×2 (difference-in-differences) — ${basename(o.panel)}`,
    `Observations: ${r.n.toLocaleString('fr-BE')} utilisées, ${r.dropped.toLocaleString('fr-BE')} écartées (valeur manquante)${o.balanced ? ', échantillon équilibré (balanced)' : ''}; ${file.rows.toLocaleString('fr-BE')} lignes lues`,
    `Variance (standard errors): ${variance}`,
    '',
    `ATT (${o.treated} × ${o.post}) = ${be(r.att)}   e.s. (SE) ${be(r.se)}   p = ${be(r.pValue, 4)} ${stars(r.pValue)}`,
    '',
    ...table([
      ['coefficient', 'estimation', 'e.s. (SE)', 'p'],
      ...r.coefficients.map((c) => [c.name, be(c.estimate), be(c.se), be(c.pValue, 4)]),
    ]),
  ];
  if (m) {
    lines.push(
      '',
      `Moyennes par groupe (group means, Card & Krueger Table 3)${m.balanced ? ', unités équilibrées' : ''}:`,
    );
    const cell = (c: { mean: number; se: number }) => `${be(c.mean)} (${be(c.se)})`;
    const est = (c: { att: number; se: number }) => `${be(c.att)} (${be(c.se)})`;
    lines.push(
      ...table([
        ['', 'traités (treated)', 'témoins (control)', 'écart (gap)'],
        ['avant (before)', cell(m.treated.before), cell(m.control.before), est(m.gap.before)],
        ['après (after)', cell(m.treated.after), cell(m.control.after), est(m.gap.after)],
        ['variation (change)', est(m.treated.change), est(m.control.change), est(m.did)],
      ]),
    );
  }
  return lines;
}

/** The twfe report. */
export function twfeText(o: TwfeCommandOptions, r: TwfeResult, dropped: number): string[] {
  return [
    `Effets fixes ${r.periods ? 'unité et période (two-way fixed effects)' : 'unité (unit fixed effects)'} — ${basename(o.panel)}`,
    `Observations: ${r.n.toLocaleString('fr-BE')} (${dropped} écartées, valeur manquante); ${r.units} unités${r.periods ? `, ${r.periods} périodes` : ''}; ${r.iterations} balayage(s) (sweeps)`,
    `Méthode (method): ${r.convention}`,
    '',
    `${o.treated} = ${be(r.coefficients[0]!)}   e.s. (SE) ${be(r.se[0]!)}   p = ${be(r.pValues[0]!, 4)} ${stars(r.pValues[0]!)}`,
    '',
    ...table([
      ['coefficient', 'estimation', 'e.s. (SE)', 'p'],
      ...r.names.map((n, j) => [n, be(r.coefficients[j]!), be(r.se[j]!), be(r.pValues[j]!, 4)]),
    ]),
  ];
}

/** The attgt report: cells, aggregations, the event study. */
export function attgtText(
  o: AttGtCommandOptions,
  r: AttGtResult & { n?: unknown; control?: unknown; method?: unknown },
): string[] {
  const a = r.aggregates;
  return [
    `Effets par cohorte et période (Callaway & Sant'Anna group-time ATT) — ${basename(o.panel)}`,
    `Unités (units): ${r.n}; témoins (control): ${r.control === 'never' ? 'jamais traités (never treated)' : 'pas encore traités (not yet treated)'}; méthode: ${r.method}`,
    '',
    ...table([
      ['cohorte (group)', 'période (time)', 'ATT', 'e.s. (SE)'],
      ...r.attgt.map((c) => [String(c.group), String(c.time), be(c.att), be(c.se)]),
    ]),
    '',
    `ATT global (simple): ${be(a.simple.att)} (${be(a.simple.se)})`,
    `Par cohorte (group): ${be(a.group.att)} (${be(a.group.se)}); dynamique (event study): ${be(a.dynamic.att)} (${be(a.dynamic.se)}); calendrier: ${be(a.calendar.att)} (${be(a.calendar.se)})`,
    '',
    ...table([
      ['délai (event)', 'ATT', 'e.s. (SE)'],
      ...a.dynamic.rows.map((e) => [String(e.event), be(e.att), be(e.se)]),
    ]),
  ];
}
