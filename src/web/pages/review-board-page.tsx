import { useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { bi, biLang, type RankingRow, type ReviewBoard, type SolveAnswer } from '../api/calls.ts';
import { ApiError, send } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { Breadcrumb } from '../components/breadcrumb.tsx';
import { LoginFirst } from '../components/login-first.tsx';
import { RankingSection } from '../components/ranking-section.tsx';
import { AssignmentTable, BoardProgress } from '../components/review-board.tsx';
import { Async, ErrorMessage, ErrorText, Loading } from '../components/status.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { usePageTitle } from '../lib/use-page-title.ts';
import { NotFoundPage } from './not-found-page.tsx';
import '../calls.css';

function SolvePanel({ board, onSolved }: { board: ReviewBoard; onSolved: () => void }) {
  const { t, lang, num } = useI18n();
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<SolveAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const solve = async () => {
    setBusy(true);
    setError(null);
    try {
      const a = await send<SolveAnswer>('POST', `/calls/${board.call.id}/review/solve?stage=${board.stage}`);
      setAnswer(a);
      onSolved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      requestAnimationFrame(() => resultRef.current?.focus());
    }
  };
  return (
    <div className="solve-panel">
      <p className="hint">
        {t('board.solveIntro', {
          n: board.call.reviewersPerProject,
          load: board.call.reviewerLoad,
          years: board.call.conflictYears,
        })}
      </p>
      <button type="button" className="button button-primary" disabled={busy} onClick={() => void solve()}>
        {busy ? t('board.solving') : t('board.solve')}
      </button>
      <div ref={resultRef} tabIndex={-1} aria-live="polite" className="solve-result">
        {error != null && (
          <p className="notice notice-error">
            <ErrorText error={error} />
          </p>
        )}
        {answer && (
          <div className={`notice ${answer.feasible ? 'notice-success' : 'notice-warning'}`}>
            <p>
              <strong>{answer.feasible ? t('board.feasible') : t('board.infeasible')}</strong>{' '}
              {t('board.solveFigures', {
                assigned: num(answer.assigned),
                demand: num(answer.demand),
                capacity: num(answer.capacity),
                ms: num(answer.milliseconds, 0),
              })}
            </p>
            {answer.issues.length > 0 && (
              <ul>
                {answer.issues.map((i, k) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced as a whole
                  <li key={k} lang={biLang(lang)}>
                    {bi(lang, i.message)}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </div>
  );
}

/**
 * /appels/:id/evaluation?stage=1 — the managers' review board: progress, the optimal assignment,
 * projects × reviewers with conflicts, manual changes, the ranking and the decisions.
 */
export function ReviewBoardPage() {
  const { id = '' } = useParams();
  const [sp, setSp] = useSearchParams();
  const stage: 1 | 2 = sp.get('stage') === '2' ? 2 : 1;
  const { t, lang } = useI18n();
  const { me, loading } = useAuth();
  const valid = /^\d+$/.test(id);
  const ready = valid && !loading && me.email != null;
  const board = useApi<ReviewBoard>(ready ? `/calls/${id}/review?stage=${stage}` : null);
  const ranking = useApi<{ items: RankingRow[] }>(
    ready ? `/calls/${id}/review/ranking?stage=${stage}` : null,
  );
  const b = board.data;
  const title = b ? t('board.title', { call: b.call.title }) : t('board.heading');
  usePageTitle(title);
  if (!valid || (board.error instanceof ApiError && board.error.status === 404))
    return <NotFoundPage message={t('calls.notFound')} />;
  if (!loading && !me.email) return <LoginFirst title={t('board.heading')} text={t('board.loginRequired')} />;
  if (board.error instanceof ApiError && board.error.status === 403)
    return (
      <>
        <h1>{t('board.heading')}</h1>
        <p className="notice notice-error">{t('board.notAllowed')}</p>
      </>
    );
  if (board.error && !b)
    return (
      <>
        <h1>{t('board.heading')}</h1>
        <ErrorMessage error={board.error} onRetry={board.reload} />
      </>
    );
  if (!b)
    return (
      <>
        <h1>{t('board.heading')}</h1>
        <Loading />
      </>
    );
  const refresh = () => {
    board.reload();
    ranking.reload();
  };
  const hidden = b.projects.filter((p) => p.reviewersHidden).length;
  return (
    <>
      <div className="page-header">
        <Breadcrumb
          trail={[
            { to: '/appels', label: t('nav.calls') },
            { to: `/appels/${b.call.id}`, label: b.call.title },
          ]}
          current={t('board.heading')}
        />
        <h1>{title}</h1>
        <nav className="stage-switch" aria-label={t('board.stages')}>
          {([1, 2] as const).map((s) => (
            <Link
              key={s}
              to={`/appels/${b.call.id}/evaluation?stage=${s}`}
              aria-current={s === stage ? 'page' : undefined}
              className={`button button-small ${s === stage ? 'button-primary' : 'button-secondary'}`}
              onClick={(e) => {
                e.preventDefault();
                setSp({ stage: String(s) });
              }}
            >
              {t('reviews.stage', { n: s })}
            </Link>
          ))}
        </nav>
      </div>
      <section className="section card" aria-labelledby="board-progress">
        <h2 id="board-progress">{t('board.progress')}</h2>
        <BoardProgress board={b} />
        {!b.evaluation.valid && b.evaluation.violations.length > 0 && (
          <div className="notice notice-warning">
            <p>{t('board.violations')}</p>
            <ul>
              {b.evaluation.violations.map((v, k) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced as a whole
                <li key={k} lang={biLang(lang)}>
                  {bi(lang, v.message)}
                </li>
              ))}
            </ul>
          </div>
        )}
        <SolvePanel board={b} onSolved={refresh} />
      </section>
      <section className="section" aria-labelledby="board-assignments">
        <h2 id="board-assignments">{t('board.assignments', { n: b.projects.length })}</h2>
        {hidden > 0 && <p className="notice notice-info">{t('board.hiddenExplain', { n: hidden })}</p>}
        {b.projects.length === 0 ? (
          <p className="muted">{t('board.noProject')}</p>
        ) : (
          <AssignmentTable board={b} onChanged={refresh} />
        )}
      </section>
      <section className="section" aria-labelledby="board-ranking">
        <h2 id="board-ranking">{t('ranking.title')}</h2>
        <p className="hint">{t('ranking.intro')}</p>
        <Async state={ranking}>
          {(d) =>
            d.items.length === 0 ? (
              <p className="muted">{t('board.noProject')}</p>
            ) : (
              <RankingSection items={d.items} stage={stage} onChanged={refresh} />
            )
          }
        </Async>
      </section>
    </>
  );
}
