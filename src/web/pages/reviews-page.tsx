import { Link } from 'react-router';
import type { MyReview, MyReviews } from '../api/calls.ts';
import { ApiError } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { LoginFirst } from '../components/login-first.tsx';
import { ErrorMessage, Loading } from '../components/status.tsx';
import { TableScroll } from '../components/table-scroll.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useFlash } from '../lib/use-flash.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import '../calls.css';

export function reviewState(r: MyReview): 'todo' | 'draft' | 'submitted' {
  if (r.submittedAt) return 'submitted';
  return Object.keys(r.scores).length > 0 || r.comment ? 'draft' : 'todo';
}

export function ReviewStateBadge({ review }: { review: MyReview }) {
  const { t } = useI18n();
  const s = reviewState(review);
  return <span className={`status-pill review-state is-${s}`}>{t(`reviews.state.${s}`)}</span>;
}

/** Assignments grouped by call and stage, in the order the server gives (to do first). */
function groups(items: MyReview[]): { key: string; callTitle: string; stage: number; items: MyReview[] }[] {
  const out = new Map<string, { key: string; callTitle: string; stage: number; items: MyReview[] }>();
  for (const r of items) {
    const key = `${r.callId}-${r.stage}`;
    const g = out.get(key) ?? { key, callTitle: r.callTitle, stage: r.stage, items: [] };
    g.items.push(r);
    out.set(key, g);
  }
  return [...out.values()];
}

/**
 * /evaluations — a reviewer's dashboard: the projects assigned to them, by call and stage, with
 * where each evaluation stands. Someone logged in but outside the pool is told so (403).
 */
export function ReviewsPage() {
  const { t, num } = useI18n();
  const { me, loading } = useAuth();
  const flash = useFlash();
  usePageTitle(t('reviews.title'));
  const mine = useApi<MyReviews>(me.email ? '/reviews/mine' : null);
  if (loading)
    return (
      <>
        <h1>{t('reviews.title')}</h1>
        <Loading />
      </>
    );
  if (!me.email) return <LoginFirst title={t('reviews.title')} text={t('reviews.loginRequired')} />;
  if (mine.error instanceof ApiError && mine.error.status === 403)
    return (
      <>
        <h1>{t('reviews.title')}</h1>
        <p className="notice notice-info">{t('reviews.notReviewer')}</p>
      </>
    );
  if (mine.error)
    return (
      <>
        <h1>{t('reviews.title')}</h1>
        <ErrorMessage error={mine.error} onRetry={mine.reload} />
      </>
    );
  if (!mine.data)
    return (
      <>
        <h1>{t('reviews.title')}</h1>
        <Loading />
      </>
    );
  const d = mine.data;
  const todo = d.items.filter((r) => !r.submittedAt).length;
  return (
    <>
      <div className="page-header">
        <h1>{t('reviews.title')}</h1>
        <p className="lead">{t('reviews.intro', { name: d.reviewer.name, n: todo })}</p>
      </div>
      {flash && (
        <p className="notice notice-success" role="status">
          {flash}
        </p>
      )}
      {d.items.length === 0 && <p className="muted">{t('reviews.none')}</p>}
      {groups(d.items).map((g) => (
        <section key={g.key} className="section" aria-labelledby={`reviews-${g.key}`}>
          <h2 id={`reviews-${g.key}`}>
            {g.callTitle} — {t('reviews.stage', { n: g.stage })}
          </h2>
          <TableScroll label={t('reviews.tableLabel', { call: g.callTitle, n: g.stage })}>
            <table className="data-table">
              <caption className="visually-hidden">
                {t('reviews.tableLabel', { call: g.callTitle, n: g.stage })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('reviews.project')}</th>
                  <th scope="col">{t('reviews.status')}</th>
                  <th scope="col" className="num">
                    {t('reviews.total')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {g.items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/evaluations/${r.id}`}>
                        <span className="project-acronym">{r.acronym}</span>
                      </Link>{' '}
                      <span className="muted">{r.title}</span>
                    </th>
                    <td>
                      <ReviewStateBadge review={r} />
                    </td>
                    <td className="num">{r.total == null ? '—' : num(r.total, 2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ))}
    </>
  );
}
