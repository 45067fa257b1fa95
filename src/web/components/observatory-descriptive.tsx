import { useMemo } from 'react';
import { API_BASE } from '../api/client.ts';
import {
  BREAKDOWNS,
  type Composition,
  OUTCOMES,
  type Outcome,
  type SeriesAnswer,
  type SeriesBreakdown,
  TREATMENTS,
} from '../api/impact-types.ts';
import type { Network } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorMessage, Loading } from './status.tsx';
import { SteeringChart } from './steering-chart.tsx';
import { yearsOption } from './steering-charts.ts';

/** The descriptive comparison's filters (in the page's URL). */
export interface DescriptiveQuery {
  outcome: Outcome;
  treatment: string;
  from: number;
  to: number;
  composition: Composition;
  breakdown: SeriesBreakdown | '';
}

/** An index chart's value axis follows the data (around 100) instead of starting at 0. */
function indexScale(option: Record<string, unknown>): Record<string, unknown> {
  return { ...option, yAxis: { ...(option.yAxis as object), scale: true } };
}

/** The query string of /impact/series for `q`. */
export function seriesParams(q: DescriptiveQuery): URLSearchParams {
  const p = new URLSearchParams({
    outcome: q.outcome,
    treatment: q.treatment,
    from: String(q.from),
    to: String(q.to),
    composition: q.composition,
  });
  if (q.breakdown) p.set('breakdown', q.breakdown);
  return p;
}

/** Who counts as treated: any network, poles, clusters, one network, labelled projects, the file's column. */
export function TreatmentSelect({
  id,
  value,
  networks,
  onChange,
}: {
  id: string;
  value: string;
  networks: Network[];
  onChange: (v: string) => void;
}) {
  const { t, tx } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>{t('obs.form.label.treatment')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {TREATMENTS.map((k) => (
          <option key={k} value={k}>
            {tx(`obs.treatment.${k}`)}
          </option>
        ))}
        <optgroup label={t('obs.treatment.oneNetwork')}>
          {networks.map((n) => (
            <option key={n.slug} value={`network:${n.slug}`}>
              {n.name}
            </option>
          ))}
        </optgroup>
      </select>
    </div>
  );
}

/** The API gives the sentence and definitions in French and English; Dutch and German readers get English. */
function pick<T>(lang: string, v: { fr: T; en: T }): { text: T; lang: 'fr' | 'en' } {
  return lang === 'fr' ? { text: v.fr, lang: 'fr' } : { text: v.en, lang: 'en' };
}

/**
 * The descriptive comparison: filters, the headline sentence with its definitions, the indexed
 * series (members vs the rest of regional industry) and, with a breakdown, the growth of each
 * stratum. Suppressed cells (statistical confidentiality) show as "—" and are counted.
 */
export function ObservatoryDescriptive({
  q,
  years,
  networks,
  onChange,
}: {
  q: DescriptiveQuery;
  years: number[];
  networks: Network[];
  onChange: (c: Partial<DescriptiveQuery>) => void;
}) {
  const i18n = useI18n();
  const { t, tx, num, pct, lang } = i18n;
  const params = seriesParams(q);
  const state = useApi<SeriesAnswer>(`/impact/series?${params}`);
  const a = state.data;
  const name = (s: SeriesAnswer['overall'][number]) => t(s.status === 'members' ? 'obs.members' : 'obs.rest');
  const seriesYears = a?.overall[0]?.points.map((p) => p.year) ?? [];
  const option = useMemo(
    () =>
      a
        ? indexScale(
            yearsOption(
              a.overall[0]?.points.map((p) => p.year) ?? [],
              a.overall.map((s) => ({
                name: t(s.status === 'members' ? 'obs.members' : 'obs.rest'),
                values: s.points.map((p) => p.index),
              })),
              (v) => num(v, 1),
            ),
          )
        : null,
    [a, t, num],
  );
  const strata = useMemo(() => {
    if (!a || !q.breakdown) return [];
    const byCode = new Map<string, { label: string; members: number | null; rest: number | null }>();
    for (const s of a.breakdown) {
      const code = s.stratum?.code ?? '';
      const label = s.stratum ? pick(lang, s.stratum).text : '';
      const row = byCode.get(code) ?? { label, members: null, rest: null };
      row[s.status === 'members' ? 'members' : 'rest'] = s.growth;
      byCode.set(code, row);
    }
    return [...byCode.entries()].map(([code, r]) => ({ code, ...r }));
  }, [a, q.breakdown, lang]);
  const strataOption = useMemo(
    () =>
      strata.length
        ? yearsOption(
            strata.map((s) => s.label),
            [
              { name: t('obs.members'), values: strata.map((s) => s.members), type: 'bar' },
              { name: t('obs.rest'), values: strata.map((s) => s.rest), type: 'bar' },
            ],
            (v) => pct(v),
          )
        : null,
    [strata, t, pct],
  );
  const headline = a?.headline ? pick(lang, a.headline) : null;
  const definitions = a ? pick(lang, a.definitions) : null;
  const yearOptions = years.map((y) => (
    <option key={y} value={y}>
      {y}
    </option>
  ));
  const shown = (v: number | null, suppressed: boolean, f: (x: number) => string) =>
    v === null ? (suppressed ? t('obs.suppressedCell') : t('common.none')) : f(v);

  return (
    <section className="section card obs-descriptive" aria-labelledby="obs-descriptive-title">
      <h2 id="obs-descriptive-title">{t('obs.descriptive.title')}</h2>
      <form
        className="filters"
        aria-label={t('obs.descriptive.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field">
          <label htmlFor="obs-outcome">{t('obs.form.label.outcome')}</label>
          <select
            id="obs-outcome"
            value={q.outcome}
            onChange={(e) => onChange({ outcome: e.target.value as Outcome })}
          >
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {tx(`obs.outcome.${o}`)}
              </option>
            ))}
          </select>
        </div>
        <TreatmentSelect
          id="obs-treatment"
          value={q.treatment}
          networks={networks}
          onChange={(v) => onChange({ treatment: v })}
        />
        <div className="field">
          <label htmlFor="obs-from">{t('obs.form.label.period.from')}</label>
          <select id="obs-from" value={q.from} onChange={(e) => onChange({ from: Number(e.target.value) })}>
            {yearOptions}
          </select>
        </div>
        <div className="field">
          <label htmlFor="obs-to">{t('obs.form.label.period.to')}</label>
          <select id="obs-to" value={q.to} onChange={(e) => onChange({ to: Number(e.target.value) })}>
            {yearOptions}
          </select>
        </div>
        <fieldset className="field obs-composition">
          <legend>{t('obs.composition')}</legend>
          {(['balanced', 'open'] as const).map((c) => (
            <div className="radio" key={c}>
              <input
                type="radio"
                id={`obs-composition-${c}`}
                name="obs-composition"
                value={c}
                checked={q.composition === c}
                onChange={() => onChange({ composition: c })}
              />
              <label htmlFor={`obs-composition-${c}`}>{tx(`obs.composition.${c}`)}</label>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="obs-breakdown">{t('obs.breakdown')}</label>
          <select
            id="obs-breakdown"
            value={q.breakdown}
            onChange={(e) => onChange({ breakdown: e.target.value as SeriesBreakdown | '' })}
          >
            <option value="">{t('obs.breakdown.none')}</option>
            {BREAKDOWNS.map((b) => (
              <option key={b} value={b}>
                {tx(`obs.breakdown.${b}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {state.error && <ErrorMessage error={state.error} onRetry={state.reload} />}
      {!a && !state.error && <Loading />}
      {a && (
        <div aria-busy={state.loading || undefined}>
          <div className="obs-headline">
            {headline ? (
              <p className="obs-headline-text" lang={headline.lang}>
                {headline.text}
              </p>
            ) : (
              <p className="empty">{t('obs.noHeadline')}</p>
            )}
            {definitions && (
              <details className="obs-definitions" open>
                <summary>{t('obs.definitions')}</summary>
                <ul lang={definitions.lang}>
                  {definitions.text.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
              </details>
            )}
            {a.confidentiality.applied && a.confidentiality.suppressedCells > 0 && (
              <p className="hint">
                {t('obs.suppressedNote', {
                  n: a.confidentiality.suppressedCells,
                  min: a.confidentiality.minFirms,
                })}
              </p>
            )}
          </div>
          <SteeringChart
            title={t('obs.seriesTitle', { outcome: tx(`obs.outcome.${q.outcome}`), from: q.from })}
            summary={t('obs.seriesSummary', {
              members: shown(a.overall[0]?.growth ?? null, a.overall[0]?.growthSuppressed ?? false, pct),
              rest: shown(a.overall[1]?.growth ?? null, a.overall[1]?.growthSuppressed ?? false, pct),
            })}
            option={option}
            header={[
              t('chart.year'),
              ...a.overall.flatMap((s) => [
                `${name(s)} — ${t('obs.index')}`,
                `${name(s)} — ${t('obs.firms')}`,
              ]),
            ]}
            rows={seriesYears.map((y, i) => ({
              key: String(y),
              raw: [y, ...a.overall.flatMap((s) => [s.points[i]?.index ?? null, s.points[i]?.firms ?? null])],
              shown: [
                y,
                ...a.overall.flatMap((s) => [
                  shown(s.points[i]?.index ?? null, s.points[i]?.suppressed ?? false, (v) => num(v, 1)),
                  num(s.points[i]?.firms ?? null, 0),
                ]),
              ],
            }))}
            fileName={`polaris-observatoire-${q.outcome}-${q.from}-${q.to}`}
            xlsxHref={`${API_BASE}/impact/series/export?${params}&format=xlsx&lang=${lang === 'fr' ? 'fr' : 'en'}`}
          />
          {q.breakdown && strata.length > 0 && (
            <SteeringChart
              title={t('obs.strataTitle', {
                breakdown: tx(`obs.breakdown.${q.breakdown}`),
                from: q.from,
                to: q.to,
              })}
              summary={t('obs.strataSummary', { n: strata.length })}
              option={strataOption}
              level={3}
              tall={strata.length > 8}
              header={[tx(`obs.breakdown.${q.breakdown}`), t('obs.members'), t('obs.rest')]}
              rows={strata.map((s) => ({
                key: s.code,
                raw: [s.label, s.members, s.rest],
                shown: [
                  s.label,
                  shown(s.members, s.members === null, pct),
                  shown(s.rest, s.rest === null, pct),
                ],
              }))}
              fileName={`polaris-observatoire-${q.breakdown}-${q.from}-${q.to}`}
            />
          )}
        </div>
      )}
    </section>
  );
}
