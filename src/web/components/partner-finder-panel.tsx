import '../search.css';
import { useId, useState } from 'react';
import { send } from '../api/client.ts';
import type { PartnerCandidate, PartnersAnswer } from '../api/search-types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { CandidateList } from './partner-candidates.tsx';
import { ErrorMessage } from './status.tsx';

/**
 * "Find partners" inside the submission form: the same recommendation as /partenaires, asked with
 * the call (its rules drive complementarity), the consortium being built and the project's text;
 * each candidate can join the consortium at once. Buttons only: it lives inside the form.
 */
export function PartnerFinderPanel({
  callId,
  consortium,
  text,
  keywords,
  onAdd,
}: {
  callId: number;
  consortium: number[];
  text: string;
  keywords: string[];
  onAdd: (c: PartnerCandidate) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [answer, setAnswer] = useState<PartnersAnswer | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const ready = text.trim() !== '' || keywords.length > 0 || consortium.length > 0;

  const find = async () => {
    setBusy(true);
    setError(null);
    try {
      setAnswer(
        await send<PartnersAnswer>('POST', '/matchmaking/partners', {
          callId,
          consortium,
          text: text.trim() || undefined,
          keywords,
          limit: 5,
        }),
      );
      setMessage('');
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="finder-panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('finder.title')}</h3>
      <p className="hint">{t('finder.intro')}</p>
      <button
        type="button"
        className="button button-secondary"
        disabled={busy || !ready}
        onClick={() => void find()}
      >
        {busy ? t('common.loading') : t('finder.find')}
      </button>
      {!ready && <p className="muted small">{t('finder.notReady')}</p>}
      <p className="visually-hidden" role="status">
        {message || (answer && !busy ? t('partners.found', { n: answer.items.length }) : '')}
      </p>
      {error && <ErrorMessage error={error} />}
      {answer && answer.items.length === 0 && <p className="muted">{t('partners.none')}</p>}
      {answer && answer.items.length > 0 && (
        <CandidateList
          items={answer.items}
          weights={answer.weights}
          headingLevel={4}
          action={(c) => ({
            label: t('finder.add'),
            doneLabel: t('finder.inConsortium'),
            done: consortium.includes(c.organisationId),
            onClick: () => {
              onAdd(c);
              setMessage(t('finder.added', { name: c.name }));
            },
          })}
        />
      )}
    </section>
  );
}
