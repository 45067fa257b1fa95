import { Link, useSearchParams } from 'react-router';
import { type Indicator, type IndicatorKind, KIND_ORDER } from '../api/indicator-types.ts';
import { useApi } from '../api/use-api.ts';
import { FilterSelect } from '../components/filter-controls.tsx';
import { Async } from '../components/status.tsx';
import { SteeringViewsNav } from '../components/steering-nav.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { langOf, textOf } from '../lib/indicator-format.ts';
import { withParams } from '../lib/organisation-query.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import '../steering.css';

function StatusBadge({ status }: { status: Indicator['status'] }) {
  const { t } = useI18n();
  return status === 'computed' ? (
    <span className="badge badge-computed">{t('ind.status.computed')}</span>
  ) : (
    <span className="badge badge-needs-data">{t('ind.status.needs_data')}</span>
  );
}

/** One indicator: what it measures, how, from what, how often; its series is one click away. */
function IndicatorCard({ ind }: { ind: Indicator }) {
  const i18n = useI18n();
  const { t, tx } = i18n;
  const id = `ind-${ind.code}`;
  const lang = langOf(i18n);
  return (
    <article className="card indicator-card" aria-labelledby={id}>
      <h3 id={id} lang={lang}>
        {ind.status === 'computed' ? (
          <Link to={`/indicateurs/${encodeURIComponent(ind.code)}`}>{textOf(i18n, ind.name)}</Link>
        ) : (
          textOf(i18n, ind.name)
        )}
      </h3>
      <p className="indicator-meta">
        <code>{ind.code}</code> <StatusBadge status={ind.status} />
      </p>
      <p lang={lang}>{textOf(i18n, ind.definition)}</p>
      <dl className="indicator-fields">
        <div>
          <dt>{t('ind.formula')}</dt>
          <dd>
            <code className="formula">{ind.formula}</code>
          </dd>
        </div>
        <div>
          <dt>{t('ind.unit')}</dt>
          <dd>{tx(`ind.unit.${ind.unit}`)}</dd>
        </div>
        <div>
          <dt>{t('ind.periodicity')}</dt>
          <dd>{tx(`ind.periodicity.${ind.periodicity}`)}</dd>
        </div>
        <div>
          <dt>{t('ind.sources')}</dt>
          <dd>
            {ind.sources.map((s, i) => (
              <span key={s}>
                {i > 0 && ', '}
                <code>{s}</code>
              </span>
            ))}
          </dd>
        </div>
        <div>
          <dt>{t('ind.breakdowns')}</dt>
          <dd>{ind.breakdowns.map((b) => tx(`ind.breakdown.${b}`)).join(', ')}</dd>
        </div>
      </dl>
      {ind.status === 'computed' ? (
        <p className="section-actions">
          <Link to={`/indicateurs/${encodeURIComponent(ind.code)}`}>
            {t('ind.seeSeries')}
            <span className="visually-hidden"> — {textOf(i18n, ind.name)}</span>
          </Link>
        </p>
      ) : (
        <p className="hint">{t('ind.needsDataHint')}</p>
      )}
    </article>
  );
}

/**
 * /indicateurs — the indicator catalogue: every indicator Polaris publishes, by kind (context,
 * resources, achievements, results), with its definition, formula, unit, sources, periodicity and
 * whether it is computed yet. The kind filter lives in the URL.
 */
export function IndicatorsPage() {
  const { t, tx, num } = useI18n();
  usePageTitle(t('ind.title'));
  const [sp, setSp] = useSearchParams();
  const kind = sp.get('kind') ?? '';
  const list = useApi<{ items: Indicator[] }>('/indicators');
  return (
    <>
      <div className="page-header">
        <h1>{t('ind.title')}</h1>
        <p className="lead">{t('ind.intro')}</p>
        <SteeringViewsNav />
      </div>
      <form className="filters" aria-label={t('ind.filters')} onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          id="ind-kind"
          label={t('ind.kind')}
          all={t('ind.allKinds')}
          value={kind}
          options={KIND_ORDER.map((k) => [k, tx(`ind.kind.${k}`)])}
          onChange={(v) => setSp(withParams(sp, { kind: v }), { replace: true })}
        />
      </form>
      <Async state={list}>
        {(d) => {
          const shown = d.items.filter((i) => !kind || i.kind === kind);
          const computed = shown.filter((i) => i.status === 'computed').length;
          return (
            <>
              <p className="results-count" role="status">
                {t('ind.count', { n: num(shown.length), computed: num(computed) })}
              </p>
              {KIND_ORDER.filter((k) => shown.some((i) => i.kind === k)).map((k: IndicatorKind) => (
                <section key={k} className="section" aria-labelledby={`kind-${k}`}>
                  <h2 id={`kind-${k}`}>{tx(`ind.kind.${k}`)}</h2>
                  <p className="hint">{tx(`ind.kindHint.${k}`)}</p>
                  <div className="indicator-grid">
                    {shown
                      .filter((i) => i.kind === k)
                      .map((i) => (
                        <IndicatorCard key={i.code} ind={i} />
                      ))}
                  </div>
                </section>
              ))}
            </>
          );
        }}
      </Async>
    </>
  );
}
