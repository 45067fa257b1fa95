import '../search.css';
import { Link } from 'react-router';
import type { ProfileAnswer, SimilarAnswer } from '../api/search-types.ts';
import { useApi } from '../api/use-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ReasonList } from './partner-candidates.tsx';

/**
 * The organisation's competence profile (its heaviest terms) and the organisations most like it,
 * with the reasons; both from the matchmaking model. Says nothing when the model has nothing.
 */
export function SimilarOrganisations({ organisationId }: { organisationId: number }) {
  const { t, tx, num } = useI18n();
  const similar = useApi<SimilarAnswer>(`/organisations/${organisationId}/similar?limit=5`);
  const profile = useApi<ProfileAnswer>(`/organisations/${organisationId}/profile?limit=12`);
  const terms = profile.data?.terms ?? [];
  const items = similar.data?.items ?? [];
  if (terms.length === 0 && items.length === 0) return null;
  return (
    <>
      {terms.length > 0 && (
        <section className="card" aria-labelledby="profile-terms">
          <h2 id="profile-terms">{t('similar.profile')}</h2>
          <p className="hint">{t('similar.profileHint')}</p>
          <ul className="term-cloud">
            {terms.map((x) => (
              <li key={x.term}>{x.term}</li>
            ))}
          </ul>
        </section>
      )}
      {items.length > 0 && (
        <section className="card" aria-labelledby="similar-organisations">
          <h2 id="similar-organisations">{t('similar.title')}</h2>
          <ol className="candidates">
            {items.map((s) => (
              <li key={s.organisationId} className="candidate">
                <div className="candidate-head">
                  <h3>
                    <Link to={`/organisations/${s.organisationId}`}>{s.name}</Link>
                  </h3>
                  <span>
                    {t('similar.score')} <strong>{num(s.score, 2)}</strong>
                  </span>
                </div>
                <p className="muted small">
                  {tx(`kind.${s.kind}`)}
                  {s.sizeClass ? ` · ${tx(`size.${s.sizeClass}`)}` : ''}
                </p>
                <ReasonList reasons={s.reasons} />
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
