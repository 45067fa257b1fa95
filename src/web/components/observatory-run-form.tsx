import { type FormEvent, useState } from 'react';
import { ApiError, send } from '../api/client.ts';
import { ESTIMATORS, type Estimator, OUTCOMES, type Outcome, type Run } from '../api/impact-types.ts';
import type { Network } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorSummary, type SummaryItem } from './error-summary.tsx';
import { TreatmentSelect } from './observatory-descriptive.tsx';

/** What the form holds (inputs as strings where the user types). */
export interface RunFormState {
  estimator: Estimator;
  outcome: Outcome;
  log: boolean;
  treatment: string;
  from: number;
  to: number;
  control: 'never' | 'notyet';
  method: 'dr' | 'ipw' | 'reg';
  covariates: ('size' | 'sector')[];
  bootstrap: string;
  seed: string;
  alpha: string;
  sectors: string;
  region: 'wallonia' | 'all';
  matchMethod: 'mahalanobis' | 'propensity';
  neighbours: string;
  caliper: string;
}

export function defaultRunForm(p: {
  outcome: Outcome;
  treatment: string;
  from: number;
  to: number;
}): RunFormState {
  return {
    estimator: 'attgt',
    outcome: p.outcome,
    log: true,
    treatment: p.treatment,
    from: p.from,
    to: p.to,
    control: 'never',
    method: 'dr',
    covariates: ['size', 'sector'],
    bootstrap: '999',
    seed: '20071',
    alpha: '0.05',
    sectors: 'C',
    region: 'wallonia',
    matchMethod: 'propensity',
    neighbours: '1',
    caliper: '',
  };
}

/** The request body: only what the chosen estimator reads. */
export function runRequest(f: RunFormState): Record<string, unknown> {
  const body: Record<string, unknown> = {
    estimator: f.estimator,
    outcome: f.outcome,
    log: f.log,
    treatment: f.treatment,
    period: { from: f.from, to: f.to },
    alpha: Number(f.alpha),
    sectors: f.sectors
      .split(/[,;\s]+/)
      .map((s) => s.trim())
      .filter(Boolean),
    region: f.region,
  };
  if (f.estimator !== 'twfe') body.covariates = f.covariates;
  if (f.estimator === 'attgt') {
    Object.assign(body, {
      control: f.control,
      method: f.method,
      bootstrap: Number(f.bootstrap),
      seed: Number(f.seed),
    });
  }
  if (f.estimator === 'matching')
    body.matching = {
      method: f.matchMethod,
      neighbours: Number(f.neighbours),
      caliper: f.caliper.trim() === '' ? null : Number(f.caliper.replace(',', '.')),
    };
  return body;
}

/** Field ids by the API's error paths. */
const FIELD_OF: Record<string, string> = {
  estimator: 'run-estimator',
  outcome: 'run-outcome',
  treatment: 'run-treatment',
  'period.from': 'run-from',
  'period.to': 'run-to',
  period: 'run-from',
  control: 'run-control',
  method: 'run-method',
  bootstrap: 'run-bootstrap',
  seed: 'run-seed',
  alpha: 'run-alpha',
  sectors: 'run-sectors',
  region: 'run-region',
  'matching.neighbours': 'run-neighbours',
  'matching.caliper': 'run-caliper',
};

/**
 * The causal run form: estimator and its options, outcome, treatment, period, population. Sent
 * to POST /impact/runs; the run (new, or reused when the same parameters already ran on the same
 * data) goes to `onLaunched`.
 */
export function RunForm({
  initial,
  years,
  networks,
  onLaunched,
}: {
  initial: RunFormState;
  years: number[];
  networks: Network[];
  onLaunched: (run: Run) => void;
}) {
  const { t, tx } = useI18n();
  const [f, setF] = useState<RunFormState>(initial);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ items: SummaryItem[]; title?: string }>({ items: [] });
  const set = <K extends keyof RunFormState>(k: K, v: RunFormState[K]) => setF((x) => ({ ...x, [k]: v }));
  const fieldErrors = (id: string) => errors.items.filter((i) => i.fieldId === id).map((i) => i.message);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({ items: [] });
    try {
      const run = await send<Run>('POST', '/impact/runs', runRequest(f));
      onLaunched(run);
    } catch (err) {
      if (err instanceof ApiError) {
        const items = err.details.map((d) => {
          const path = d.path.replace(/\.\d+$/, '');
          const fieldId = FIELD_OF[d.path] ?? FIELD_OF[path] ?? null;
          return {
            fieldId,
            label: fieldId ? tx(`obs.form.label.${path}`) : d.path,
            message: d.message,
            lang: 'en',
          };
        });
        setErrors({ items, title: items.length ? undefined : err.message });
      } else setErrors({ items: [], title: String(err) });
    } finally {
      setBusy(false);
    }
  };

  const sel = (
    id: string,
    label: string,
    value: string,
    options: [string, string][],
    onChange: (v: string) => void,
  ) => (
    <div className={`field${fieldErrors(id).length ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {fieldErrors(id).length > 0 && (
        <span id={`${id}-error`} className="field-error" lang="en">
          {fieldErrors(id).join(' ; ')}
        </span>
      )}
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={fieldErrors(id).length ? true : undefined}
        aria-describedby={fieldErrors(id).length ? `${id}-error` : undefined}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
  const text = (id: string, label: string, value: string, onChange: (v: string) => void, hint?: string) => (
    <div className={`field${fieldErrors(id).length ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {fieldErrors(id).length > 0 && (
        <span id={`${id}-error`} className="field-error" lang="en">
          {fieldErrors(id).join(' ; ')}
        </span>
      )}
      <input
        id={id}
        type="text"
        inputMode={id === 'run-sectors' ? 'text' : 'decimal'}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={fieldErrors(id).length ? true : undefined}
        aria-describedby={
          [hint ? `${id}-hint` : '', fieldErrors(id).length ? `${id}-error` : ''].filter(Boolean).join(' ') ||
          undefined
        }
      />
    </div>
  );
  const yearOptions = years.map((y): [string, string] => [String(y), String(y)]);

  return (
    <form className="obs-run-form" onSubmit={submit} aria-labelledby="obs-run-form-title" noValidate>
      <h3 id="obs-run-form-title">{t('obs.form.title')}</h3>
      <ErrorSummary items={errors.items} title={errors.title} />
      <div className="obs-form-grid">
        {sel(
          'run-estimator',
          t('obs.form.label.estimator'),
          f.estimator,
          ESTIMATORS.map((e) => [e, tx(`obs.estimator.${e}`)]),
          (v) => set('estimator', v as Estimator),
        )}
        {sel(
          'run-outcome',
          t('obs.form.label.outcome'),
          f.outcome,
          OUTCOMES.map((o) => [o, tx(`obs.outcome.${o}`)]),
          (v) => set('outcome', v as Outcome),
        )}
        <TreatmentSelect
          id="run-treatment"
          value={f.treatment}
          networks={networks}
          onChange={(v) => set('treatment', v)}
        />
        {sel('run-from', t('obs.form.label.period.from'), String(f.from), yearOptions, (v) =>
          set('from', Number(v)),
        )}
        {sel('run-to', t('obs.form.label.period.to'), String(f.to), yearOptions, (v) => set('to', Number(v)))}
        {text(
          'run-sectors',
          t('obs.form.label.sectors'),
          f.sectors,
          (v) => set('sectors', v),
          t('obs.form.sectorsHint'),
        )}
        {sel(
          'run-region',
          t('obs.form.label.region'),
          f.region,
          [
            ['wallonia', t('obs.region.wallonia')],
            ['all', t('obs.region.all')],
          ],
          (v) => set('region', v as RunFormState['region']),
        )}
        {sel(
          'run-alpha',
          t('obs.form.label.alpha'),
          f.alpha,
          [
            ['0.05', '95 %'],
            ['0.1', '90 %'],
            ['0.01', '99 %'],
          ],
          (v) => set('alpha', v),
        )}
        {f.estimator === 'attgt' &&
          sel(
            'run-control',
            t('obs.form.label.control'),
            f.control,
            [
              ['never', t('obs.control.never')],
              ['notyet', t('obs.control.notyet')],
            ],
            (v) => set('control', v as RunFormState['control']),
          )}
        {f.estimator === 'attgt' &&
          sel(
            'run-method',
            t('obs.form.label.method'),
            f.method,
            [
              ['dr', t('obs.method.dr')],
              ['ipw', t('obs.method.ipw')],
              ['reg', t('obs.method.reg')],
            ],
            (v) => set('method', v as RunFormState['method']),
          )}
        {f.estimator === 'attgt' &&
          text(
            'run-bootstrap',
            t('obs.form.label.bootstrap'),
            f.bootstrap,
            (v) => set('bootstrap', v),
            t('obs.form.bootstrapHint'),
          )}
        {f.estimator === 'attgt' && text('run-seed', t('obs.form.label.seed'), f.seed, (v) => set('seed', v))}
        {f.estimator === 'matching' &&
          sel(
            'run-match-method',
            t('obs.form.label.matching.method'),
            f.matchMethod,
            [
              ['propensity', t('obs.matching.propensity')],
              ['mahalanobis', t('obs.matching.mahalanobis')],
            ],
            (v) => set('matchMethod', v as RunFormState['matchMethod']),
          )}
        {f.estimator === 'matching' &&
          text('run-neighbours', t('obs.form.label.matching.neighbours'), f.neighbours, (v) =>
            set('neighbours', v),
          )}
        {f.estimator === 'matching' &&
          text(
            'run-caliper',
            t('obs.form.label.matching.caliper'),
            f.caliper,
            (v) => set('caliper', v),
            t('obs.form.caliperHint'),
          )}
      </div>
      <div className="obs-form-checks">
        <div className="checkbox">
          <input
            id="run-log"
            type="checkbox"
            checked={f.log}
            onChange={(e) => set('log', e.target.checked)}
          />
          <label htmlFor="run-log">{t('obs.form.log')}</label>
        </div>
        {f.estimator !== 'twfe' && (
          <fieldset className="obs-covariates">
            <legend>{t('obs.form.label.covariates')}</legend>
            {(['size', 'sector'] as const).map((c) => (
              <div className="checkbox" key={c}>
                <input
                  id={`run-cov-${c}`}
                  type="checkbox"
                  checked={f.covariates.includes(c)}
                  onChange={(e) =>
                    set(
                      'covariates',
                      e.target.checked ? [...f.covariates, c] : f.covariates.filter((x) => x !== c),
                    )
                  }
                />
                <label htmlFor={`run-cov-${c}`}>{tx(`obs.covariate.${c}`)}</label>
              </div>
            ))}
          </fieldset>
        )}
      </div>
      <p className="form-actions">
        <button type="submit" className="button" disabled={busy} aria-disabled={busy || undefined}>
          {busy ? t('obs.form.launching') : t('obs.form.launch')}
        </button>
      </p>
    </form>
  );
}
