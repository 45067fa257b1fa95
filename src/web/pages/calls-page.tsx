import { Link } from 'react-router';
import type { CallSummary } from '../api/calls.ts';
import type { Network } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { Async } from '../components/status.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { brusselsDateTime } from '../lib/call-dates.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import '../calls.css';

/** Where a call stands: open now, not yet open, or closed. */
export function callPhase(
  c: Pick<CallSummary, 'open' | 'opensAt'>,
  now = Date.now(),
): 'open' | 'upcoming' | 'closed' {
  if (c.open) return 'open';
  return Date.parse(c.opensAt) > now ? 'upcoming' : 'closed';
}

export function CallPhaseBadge({ call }: { call: Pick<CallSummary, 'open' | 'opensAt'> }) {
  const { t } = useI18n();
  const phase = callPhase(call);
  return <span className={`status-pill call-phase is-${phase}`}>{t(`calls.phase.${phase}`)}</span>;
}

/** "clôture le 31/03/2027 à 12:00" (Brussels time). */
export function Deadline({ iso, verb }: { iso: string; verb: 'closes' | 'closed' | 'opens' }) {
  const { t, lang } = useI18n();
  const { date, time } = brusselsDateTime(lang, iso);
  return <>{t(`calls.${verb}`, { date, time })}</>;
}

function CallCard({ c, names }: { c: CallSummary; names: Map<string, string> }) {
  const { t, eur, num, tx } = useI18n();
  const phase = callPhase(c);
  return (
    <li className="card call-card">
      <p className="eyebrow">
        <CallPhaseBadge call={c} /> <span className="muted">{tx(`ptype.${c.projectType}`)}</span>
      </p>
      <h3 className="call-title">
        <Link to={`/appels/${c.id}`}>{c.title}</Link>
      </h3>
      <dl className="fields call-facts">
        <div className="field-row">
          <dt>{t('calls.deadline')}</dt>
          <dd>
            {phase === 'upcoming' ? (
              <Deadline iso={c.opensAt} verb="opens" />
            ) : (
              <Deadline iso={c.closesAt} verb={phase === 'open' ? 'closes' : 'closed'} />
            )}
          </dd>
        </div>
        <div className="field-row">
          <dt>{t('calls.networks')}</dt>
          <dd>{c.networks.map((s) => names.get(s) ?? s).join(', ')}</dd>
        </div>
        <div className="field-row">
          <dt>{t('calls.budget')}</dt>
          <dd>{c.budgetEur == null ? '—' : eur(c.budgetEur)}</dd>
        </div>
        <div className="field-row">
          <dt>{t('calls.labelled')}</dt>
          <dd>{num(c.labelledProjects)}</dd>
        </div>
      </dl>
    </li>
  );
}

/** /appels — calls for projects, open ones first, then by closing date (latest first). */
export function CallsPage() {
  const { t } = useI18n();
  usePageTitle(t('calls.title'));
  const calls = useApi<{ items: CallSummary[] }>('/calls');
  const networks = useApi<{ items: Network[] }>('/networks');
  const names = new Map((networks.data?.items ?? []).map((n) => [n.slug, n.name]));
  return (
    <>
      <div className="page-header">
        <h1>{t('calls.title')}</h1>
        <p className="lead">{t('calls.intro')}</p>
      </div>
      <Async state={calls}>
        {(d) => {
          const items = [...d.items].sort(
            (a, b) => Number(b.open) - Number(a.open) || Date.parse(b.closesAt) - Date.parse(a.closesAt),
          );
          const open = items.filter((c) => c.open);
          const rest = items.filter((c) => !c.open);
          return (
            <>
              <section className="section" aria-labelledby="calls-open">
                <h2 id="calls-open">{t('calls.openTitle', { n: open.length })}</h2>
                {open.length === 0 ? (
                  <p className="muted">{t('calls.noneOpen')}</p>
                ) : (
                  <ul className="call-list">
                    {open.map((c) => (
                      <CallCard key={c.id} c={c} names={names} />
                    ))}
                  </ul>
                )}
              </section>
              <section className="section" aria-labelledby="calls-other">
                <h2 id="calls-other">{t('calls.otherTitle', { n: rest.length })}</h2>
                <ul className="call-list">
                  {rest.map((c) => (
                    <CallCard key={c.id} c={c} names={names} />
                  ))}
                </ul>
              </section>
            </>
          );
        }}
      </Async>
    </>
  );
}
