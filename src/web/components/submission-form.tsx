import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import type { CallDetail } from '../api/calls.ts';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { describeError } from '../lib/error-view.ts';
import {
  liveDuration,
  livePartners,
  PROMISED,
  type ProjectBody,
  type SubmissionErrors,
  type SubmissionState,
  submissionServerErrors,
  toProjectBody,
} from '../lib/submission-form-state.ts';
import { ConsortiumBuilder, type PartnerRow } from './consortium-builder.tsx';
import { EligibilityPanel, useLiveEligibility } from './eligibility-panel.tsx';
import { ErrorSummary, type SummaryItem } from './error-summary.tsx';
import { type ControlProps, FormField } from './form-field.tsx';
import { PartnerFinderPanel } from './partner-finder-panel.tsx';

/** The order of the summary: the form's order. */
function fieldOrder(id: string): number {
  const order = ['sub-acronym', 'sub-title', 'sub-summary', 'sub-keywords', 'sub-networks', 'sub-duration'];
  const i = order.indexOf(id);
  if (i >= 0) return i;
  if (id === 'partners') return 10;
  const m = /^partner-(\d+)-/.exec(id);
  if (m) return 11 + Number(m[1]) / 1000;
  return 20;
}

/**
 * The project form of a call: identity, labelling poles, duration, the consortium builder with
 * the live eligibility check beside it, and the promised outcomes. Saving keeps a draft.
 */
export function SubmissionForm({
  call,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  call: CallDetail;
  initial: SubmissionState;
  submitLabel: string;
  onSubmit: (body: ProjectBody) => Promise<void>;
  onCancel: () => void;
}) {
  const { t, tx, parseNum } = useI18n();
  const [form, setForm] = useState<SubmissionState>(initial);
  const [errors, setErrors] = useState<SubmissionErrors>({});
  const [other, setOther] = useState<string[]>([]);
  const [headline, setHeadline] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof SubmissionState>(k: K, v: SubmissionState[K]) =>
    setForm((f) => ({ ...f, [k]: v }));

  const check = useLiveEligibility({
    callId: call.id,
    networks: form.networks,
    durationMonths: liveDuration(form.durationMonths),
    partners: livePartners(form.partners, parseNum),
  });

  const labelOf = (id: string): string => {
    if (id === 'partners' || id.startsWith('partner-')) {
      const m = /^partner-(\d+)-(\w+)$/.exec(id);
      const p = m ? form.partners[Number(m[1])] : undefined;
      if (!m || !p) return t('consortium.legend');
      const key =
        m[2] === 'budget'
          ? 'consortium.budgetOf'
          : m[2] === 'funding'
            ? 'consortium.fundingOf'
            : 'consortium.roleOf';
      return t(key, { name: p.name });
    }
    const promised = /^sub-promised-(\w+)$/.exec(id);
    if (promised) return tx(`submit.promised.${promised[1]}`);
    return tx(`submit.field.${id.slice(4)}`);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { body, errors: local } = toProjectBody(form, parseNum, {
      required: t('submit.required'),
      invalidNumber: t('form.invalidNumber'),
      invalidInteger: t('form.invalidInteger'),
      networkRequired: t('submit.networkRequired'),
      oneCoordinator: t('consortium.oneCoordinator'),
      noPartner: t('consortium.empty'),
      fundingAboveBudget: t('submit.fundingAboveBudget'),
    });
    setOther([]);
    setHeadline(undefined);
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    setBusy(true);
    try {
      await onSubmit(body);
      setErrors({});
    } catch (err) {
      const view = describeError(t, err);
      if (err instanceof ApiError && err.details.length > 0) {
        const s = submissionServerErrors(err.details);
        setErrors(s.fields);
        setOther(s.other);
        setHeadline(err.code === 'validation_failed' && s.other.length === 0 ? undefined : view.headline);
      } else {
        setErrors({});
        setOther(view.details);
        setHeadline(view.headline);
      }
    } finally {
      setBusy(false);
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: labels read the partners' names, which the errors were computed with
  const summary: SummaryItem[] = useMemo(
    () => [
      ...Object.entries(errors)
        .sort(([a], [b]) => fieldOrder(a) - fieldOrder(b))
        .flatMap(([id, list]) =>
          list.map((message) => ({
            fieldId: id === 'partners' ? 'consortium-search' : id === 'sub-networks' ? 'sub-networks-0' : id,
            label: labelOf(id),
            message,
          })),
        ),
      ...other.map((message) => ({ fieldId: null, label: '', message, lang: 'en' })),
    ],
    [errors, other],
  );

  const field = (
    id: string,
    control: (p: ControlProps) => ReactNode,
    opts: { hint?: string; required?: boolean; wide?: boolean } = {},
  ) => (
    <FormField
      id={id}
      label={labelOf(id)}
      hint={opts.hint}
      errors={errors[id]}
      required={opts.required}
      className={opts.wide ? 'field-wide' : undefined}
    >
      {control}
    </FormField>
  );
  const text =
    (k: 'acronym' | 'title' | 'keywords' | 'durationMonths' | (typeof PROMISED)[number], numeric = false) =>
    (p: ControlProps) => (
      <input
        {...p}
        type="text"
        inputMode={numeric ? 'numeric' : undefined}
        value={form[k]}
        onChange={(e) => set(k, e.target.value)}
      />
    );
  const netErrors = errors['sub-networks'];

  return (
    <form className="submission-form" onSubmit={submit} noValidate>
      <ErrorSummary items={summary} title={headline} />
      <fieldset>
        <legend>{t('submit.sections.project')}</legend>
        <div className="form-grid">
          {field('sub-acronym', text('acronym'), { required: true, hint: t('submit.acronymHint') })}
          {field('sub-title', text('title'), { required: true, wide: true })}
          {field(
            'sub-summary',
            (p) => (
              <textarea
                {...p}
                rows={4}
                value={form.summary}
                onChange={(e) => set('summary', e.target.value)}
              />
            ),
            { wide: true },
          )}
          {field('sub-keywords', text('keywords'), { hint: t('form.listHint'), wide: true })}
          {field('sub-duration', text('durationMonths', true), { hint: t('submit.durationHint') })}
        </div>
      </fieldset>
      <fieldset
        className={`checkbox-group${netErrors ? ' has-error' : ''}`}
        aria-describedby={netErrors ? 'sub-networks-error' : 'sub-networks-hint'}
      >
        <legend>
          {t('submit.field.networks')} <span className="required">({t('form.required')})</span>
        </legend>
        <span id="sub-networks-hint" className="hint">
          {t('submit.networksHint')}
        </span>
        {netErrors && (
          <span id="sub-networks-error" className="field-error">
            {netErrors.join(' ; ')}
          </span>
        )}
        <div className="checkbox-list">
          {call.networks.map((n, i) => (
            <div className="checkbox" key={n.slug}>
              <input
                id={`sub-networks-${i}`}
                type="checkbox"
                checked={form.networks.includes(n.slug)}
                aria-invalid={netErrors ? true : undefined}
                onChange={(e) =>
                  set(
                    'networks',
                    e.target.checked ? [...form.networks, n.slug] : form.networks.filter((s) => s !== n.slug),
                  )
                }
              />
              <label htmlFor={`sub-networks-${i}`}>{n.name}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <div className="submission-consortium">
        <ConsortiumBuilder
          partners={form.partners}
          onChange={(rows: PartnerRow[]) => set('partners', rows)}
          errors={errors}
        />
        <EligibilityPanel check={check} title={t('elig.liveTitle')} />
      </div>
      <PartnerFinderPanel
        callId={call.id}
        consortium={form.partners.map((p) => p.organisationId)}
        text={[form.title, form.summary].join('\n')}
        keywords={form.keywords
          .split(/[;,]/)
          .map((k) => k.trim())
          .filter(Boolean)}
        onAdd={(c) =>
          set('partners', [
            ...form.partners,
            {
              organisationId: c.organisationId,
              name: c.name,
              kind: c.kind,
              sizeClass: c.sizeClass,
              role: form.partners.some((p) => p.role === 'coordinator') ? 'partner' : 'coordinator',
              budget: '',
              funding: '',
            },
          ])
        }
      />
      <fieldset>
        <legend>{t('submit.sections.promised')}</legend>
        <p className="hint">{t('submit.promisedHint')}</p>
        <div className="form-grid">
          {PROMISED.map((k) => (
            <div key={k}>{field(`sub-promised-${k}`, text(k, true))}</div>
          ))}
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : submitLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
