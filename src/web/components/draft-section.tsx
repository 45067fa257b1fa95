import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client.ts';
import type { ProjectDetail } from '../api/project-types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { brusselsDateTime } from '../lib/call-dates.ts';
import { useFlash } from '../lib/use-flash.ts';
import { EligibilityPanel, transition, useProjectEligibility } from './eligibility-panel.tsx';
import { ErrorText } from './status.tsx';

/**
 * On a draft's page (or an ineligible project's), for its consortium: the call's rules applied to
 * the saved consortium, the link to edit it, and "Soumettre". A refusal (the deadline has passed:
 * 409) is said in the user's language with the closing date.
 */
export function DraftSection({ project, onChanged }: { project: ProjectDetail; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const flash = useFlash();
  const check = useProjectEligibility(project.id, project.status);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const editable = project.status === 'draft' || project.status === 'ineligible';
  // only the consortium (and its managers) read the journal; the public sees no draft at all
  if (!project.transitions || !editable) {
    return done ? (
      <p className="notice notice-success" role="status">
        {done}
      </p>
    ) : null;
  }
  const deadline = (err: unknown): string | null => {
    if (!(err instanceof ApiError) || err.status !== 409) return null;
    const m = /closed on (\S+?);/.exec(err.message);
    if (!m?.[1]) return null;
    const { date, time } = brusselsDateTime(lang, m[1]);
    return t('submit.deadlinePassed', { date, time });
  };
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await transition(project.id, 'submitted');
      setDone(t('submit.submitted'));
      onChanged();
    } catch (e) {
      setError(e);
      headingRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };
  const refused = deadline(error);
  return (
    <section className="section draft-section" aria-labelledby="draft-title">
      <h2 id="draft-title" ref={headingRef} tabIndex={-1}>
        {t('submit.draftTitle')}
      </h2>
      {flash && (
        <p className="notice notice-success" role="status">
          {flash}
        </p>
      )}
      {error != null && (
        <div className="notice notice-error" role="alert">
          {refused ? (
            <p>
              <strong>{t('submit.refused')}</strong> — {refused}
            </p>
          ) : (
            <p>
              <strong>{t('submit.refused')}</strong> — <ErrorText error={error} />
            </p>
          )}
        </div>
      )}
      <EligibilityPanel check={check} title={t('elig.savedTitle')} headingLevel={3} />
      <div className="form-actions">
        <Link className="button button-secondary" to={`/projets/${project.id}/modifier`}>
          {t('submit.editDraft')}
        </Link>
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void submit()}>
          {busy ? t('submit.submitting') : t('submit.submit')}
        </button>
      </div>
    </section>
  );
}
