import { Link, useParams } from 'react-router';
import type { CallDetail } from '../api/calls.ts';
import { ApiError } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { Breadcrumb } from '../components/breadcrumb.tsx';
import { GridTables, RuleList } from '../components/call-rules.tsx';
import { RulesEditor } from '../components/rules-editor.tsx';
import { ErrorMessage, Loading } from '../components/status.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { brusselsDateTime } from '../lib/call-dates.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { CallPhaseBadge } from './calls-page.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import '../calls.css';

function When({ iso }: { iso: string }) {
  const { t, lang } = useI18n();
  const { date, time } = brusselsDateTime(lang, iso);
  return <>{t('calls.at', { date, time })}</>;
}

/**
 * /appels/:id — a call: what it funds, when (Brussels time), which poles, its eligibility rules in
 * plain language and its evaluation grid; "Déposer un projet" while it is open; for its managers,
 * the rules editor and the review board.
 */
export function CallPage() {
  const { id = '' } = useParams();
  const { t, tx, eur } = useI18n();
  const { me, manages } = useAuth();
  const valid = /^\d+$/.test(id);
  const call = useApi<CallDetail>(valid ? `/calls/${id}` : null);
  const c = call.data?.id === Number(id) ? call.data : undefined;
  usePageTitle(c?.title);
  if (!valid || (call.error instanceof ApiError && call.error.status === 404))
    return <NotFoundPage message={t('calls.notFound')} />;
  if (call.error && !c)
    return (
      <>
        <h1>{t('calls.title')}</h1>
        <ErrorMessage error={call.error} onRetry={call.reload} />
      </>
    );
  if (!c)
    return (
      <>
        <h1 className="visually-hidden">{t('calls.title')}</h1>
        <Loading />
      </>
    );
  const reviews = me.isAdmin || c.networks.some((n) => manages(n.id));
  return (
    <>
      <div className="page-header">
        <Breadcrumb trail={[{ to: '/appels', label: t('nav.calls') }]} current={c.title} />
        <p className="eyebrow">
          <CallPhaseBadge call={c} /> <span className="muted">{tx(`ptype.${c.projectType}`)}</span>
        </p>
        <h1>{c.title}</h1>
        {c.description && <p className="lead">{c.description}</p>}
        <div className="page-actions">
          {c.open && me.email && (
            <Link className="button button-primary" to={`/appels/${c.id}/deposer`}>
              {t('call.deposit')}
            </Link>
          )}
          {c.open && !me.email && (
            <Link
              className="button button-secondary"
              to={`/connexion?next=${encodeURIComponent(`/appels/${c.id}/deposer`)}`}
            >
              {t('call.loginToDeposit')}
            </Link>
          )}
          {reviews && (
            <Link className="button button-secondary" to={`/appels/${c.id}/evaluation?stage=1`}>
              {t('call.board')}
            </Link>
          )}
        </div>
      </div>
      {c.generated && <p className="notice notice-demo">{t('call.generated')}</p>}
      <div className="grid-2 section">
        <section className="card" aria-labelledby="call-dates">
          <h2 id="call-dates">{t('call.dates')}</h2>
          <dl className="fields">
            <div className="field-row">
              <dt>{t('call.opensAt')}</dt>
              <dd>
                <When iso={c.opensAt} />
              </dd>
            </div>
            <div className="field-row">
              <dt>{t('call.closesAt')}</dt>
              <dd>
                <When iso={c.closesAt} />
              </dd>
            </div>
            <div className="field-row">
              <dt>{t('calls.budget')}</dt>
              <dd>{c.budgetEur == null ? '—' : eur(c.budgetEur)}</dd>
            </div>
          </dl>
          <p className="hint">{t('call.timezone')}</p>
        </section>
        <section className="card" aria-labelledby="call-networks">
          <h2 id="call-networks">{t('calls.networks')}</h2>
          <ul className="plain-list">
            {c.networks.map((n) => (
              <li key={n.slug}>
                <Link to={`/reseaux/${n.slug}`}>{n.name}</Link>
              </li>
            ))}
          </ul>
          <p className="hint">
            {t('call.review', { n: c.reviewersPerProject, load: c.reviewerLoad, years: c.conflictYears })}
          </p>
        </section>
      </div>
      <section className="section card" aria-labelledby="call-rules">
        <h2 id="call-rules">{t('call.rules')}</h2>
        <RuleList rules={c.rules} />
      </section>
      <section className="section" aria-labelledby="call-grid">
        <h2 id="call-grid">{t('call.grid')}</h2>
        <GridTables grid={c.grid} />
      </section>
      {c.permissions.manage && (
        <section className="section card" aria-labelledby="call-rules-editor">
          <h2 id="call-rules-editor">{t('rules.editorTitle')}</h2>
          <p>{t('rules.editorIntro')}</p>
          <RulesEditor call={c} onSaved={call.reload} />
        </section>
      )}
    </>
  );
}
