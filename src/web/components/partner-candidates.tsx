import { Link } from 'react-router';
import {
  type PartnerCandidate,
  type Reason,
  SCORE_COMPONENTS,
  type ScoreComponent,
} from '../api/search-types.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** A reason in the user's language: the server writes French and English (English for nl/de). */
export function ReasonText({ reason }: { reason: Reason }) {
  const { lang } = useI18n();
  if (lang === 'fr') return <>{reason.message.fr}</>;
  return <span lang={lang === 'en' ? undefined : 'en'}>{reason.message.en}</span>;
}

/** Reasons, heaviest first. */
export function ReasonList({ reasons }: { reasons: Reason[] }) {
  const sorted = [...reasons].sort((a, b) => b.weight - a.weight);
  if (sorted.length === 0) return null;
  return (
    <ul className="reasons">
      {sorted.map((r) => (
        <li key={`${r.code}-${r.message.fr}`}>
          <ReasonText reason={r} />
        </li>
      ))}
    </ul>
  );
}

/**
 * The score of one candidate, component by component: its value (0–100 %, with a bar) and its
 * contribution to the score (value × weight), so the contributions add up to the score.
 */
function Breakdown({ c, weights }: { c: PartnerCandidate; weights: Record<ScoreComponent, number> }) {
  const { t, tx, pct, num } = useI18n();
  return (
    <table className="breakdown">
      <caption className="visually-hidden">{t('partners.breakdownOf', { name: c.name })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('partners.component')}</th>
          <th scope="col">{t('partners.value')}</th>
          <th scope="col" className="num">
            {t('partners.contribution')}
          </th>
        </tr>
      </thead>
      <tbody>
        {SCORE_COMPONENTS.map((k) => {
          const v = Math.max(0, Math.min(1, c.breakdown[k] ?? 0));
          return (
            <tr key={k}>
              <th scope="row">{tx(`partners.c.${k}`)}</th>
              <td>
                <span className="score-bar" aria-hidden="true">
                  <span style={{ width: `${Math.round(v * 100)}%` }} />
                </span>{' '}
                {pct(v)}
              </td>
              <td className="num">{num((weights[k] ?? 0) * v, 3)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Ranked partner candidates with their score breakdown, reasons and one action each. */
export function CandidateList({
  items,
  weights,
  headingLevel = 3,
  action,
}: {
  items: PartnerCandidate[];
  weights: Record<ScoreComponent, number>;
  headingLevel?: 3 | 4;
  action: (c: PartnerCandidate) => { label: string; done: boolean; doneLabel: string; onClick: () => void };
}) {
  const { t, tx, num } = useI18n();
  const H = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <ol className="candidates">
      {items.map((c, i) => {
        const a = action(c);
        return (
          <li key={c.organisationId} className="candidate">
            <div className="candidate-head">
              <H>
                {t('partners.rank', { n: i + 1 })}{' '}
                <Link to={`/organisations/${c.organisationId}`}>{c.name}</Link>
              </H>
              <span>
                {t('partners.score')} <strong>{num(c.score, 3)}</strong>
              </span>
            </div>
            <p className="muted small">
              {tx(`kind.${c.kind}`)}
              {c.sizeClass ? ` · ${tx(`size.${c.sizeClass}`)}` : ''}
              {c.networks.length > 0 ? ` · ${c.networks.join(', ')}` : ''}
            </p>
            <ReasonList reasons={c.reasons} />
            <details>
              <summary>{t('partners.showBreakdown')}</summary>
              <Breakdown c={c} weights={weights} />
            </details>
            <button
              type="button"
              className="button button-secondary button-small"
              disabled={a.done}
              onClick={a.onClick}
            >
              {a.done ? a.doneLabel : a.label}
              <span className="visually-hidden"> — {c.name}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
