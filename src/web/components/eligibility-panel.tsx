import { useEffect, useState } from 'react';
import { bi, biLang, type EligibilityAnswer, type PartnerInput } from '../api/calls.ts';
import { api, send } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorText } from './status.tsx';

export interface LiveCheck {
  answer: EligibilityAnswer | undefined;
  checking: boolean;
  error: unknown;
}

/** The body of POST /eligibility/consortium. */
export interface ConsortiumCheck {
  callId: number;
  networks: string[];
  durationMonths: number | null;
  partners: PartnerInput[];
}

/**
 * The call's rules applied to the consortium being built, asked again (debounced) whenever it
 * changes; an older answer never overwrites a newer one.
 */
export function useLiveEligibility(body: ConsortiumCheck, delayMs = 350): LiveCheck {
  const key = JSON.stringify(body);
  const [state, setState] = useState<LiveCheck>({ answer: undefined, checking: true, error: null });
  useEffect(() => {
    const ctrl = new AbortController();
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(() => {
      api<EligibilityAnswer>('/eligibility/consortium', { method: 'POST', body: key, signal: ctrl.signal })
        .then((answer) => setState({ answer, checking: false, error: null }))
        .catch((error: unknown) => {
          if (!ctrl.signal.aborted) setState((s) => ({ ...s, checking: false, error }));
        });
    }, delayMs);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [key, delayMs]);
  return state;
}

/** A project's stored eligibility (GET /projects/:id/eligibility), for its page. */
export function useProjectEligibility(projectId: number, version: string): LiveCheck {
  const [state, setState] = useState<LiveCheck>({ answer: undefined, checking: true, error: null });
  useEffect(() => {
    void version;
    const ctrl = new AbortController();
    api<EligibilityAnswer>(`/projects/${projectId}/eligibility`, { signal: ctrl.signal })
      .then((answer) => setState({ answer, checking: false, error: null }))
      .catch((error: unknown) => {
        if (!ctrl.signal.aborted) setState({ answer: undefined, checking: false, error });
      });
    return () => ctrl.abort();
  }, [projectId, version]);
  return state;
}

/**
 * Each rule of the call passed (✓) or failed (✗) with the engine's message in the user's language
 * (French, else English). The list is a polite live region: a screen reader hears the verdict
 * change as partners are added, without losing its place in the form.
 */
export function EligibilityPanel({
  check,
  title,
  headingLevel = 2,
}: {
  check: LiveCheck;
  title: string;
  headingLevel?: 2 | 3;
}) {
  const { t, lang, date } = useI18n();
  const { answer, checking, error } = check;
  const failed = answer?.results.filter((r) => !r.passed).length ?? 0;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="card eligibility-panel" aria-labelledby="eligibility-title">
      <H id="eligibility-title">{title}</H>
      <div aria-live="polite" aria-busy={checking && !answer ? true : undefined}>
        {error != null && (
          <p className="notice notice-error">
            <ErrorText error={error} />
          </p>
        )}
        {answer ? (
          <>
            <p className={`eligibility-verdict ${answer.eligible ? 'is-pass' : 'is-fail'}`}>
              <span aria-hidden="true">{answer.eligible ? '✓ ' : '✗ '}</span>
              {answer.eligible ? t('elig.eligible') : t('elig.ineligible', { n: failed })}
            </p>
            <ul className="rule-results">
              {answer.results.map((r) => (
                <li key={r.rule} className={r.passed ? 'is-pass' : 'is-fail'}>
                  <span className="rule-mark" aria-hidden="true">
                    {r.passed ? '✓' : '✗'}
                  </span>
                  <span className="rule-text">
                    <strong>
                      <span className="visually-hidden">
                        {r.passed ? t('elig.passed') : t('elig.failed')} —{' '}
                      </span>
                      <span lang={biLang(lang)}>{bi(lang, r.label)}</span>
                    </strong>{' '}
                    <span lang={biLang(lang)}>{bi(lang, r.message)}</span>
                  </span>
                </li>
              ))}
            </ul>
            {answer.asOf && <p className="hint">{t('elig.asOf', { date: date(answer.asOf) })}</p>}
          </>
        ) : (
          !error && <p className="status">{t('elig.checking')}</p>
        )}
      </div>
      {checking && answer && (
        <p className="hint" aria-hidden="true">
          {t('elig.updating')}
        </p>
      )}
    </section>
  );
}

/** Send a lifecycle move (submit…): resolves with nothing, rejects with the ApiError. */
export function transition(projectId: number, to: string, note?: string): Promise<unknown> {
  return send('POST', `/projects/${projectId}/transitions`, { to, note: note ?? null });
}
