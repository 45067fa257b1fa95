import { useState } from 'react';
import { Link } from 'react-router';
import { type BoardProject, bi, biLang, type ReviewBoard } from '../api/calls.ts';
import { ApiError, send } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { errorText } from './status.tsx';
import { TableScroll } from './table-scroll.tsx';

/** Assigned / needed and submitted / assigned as two labelled progress bars. */
export function BoardProgress({ board }: { board: ReviewBoard }) {
  const { t, num } = useI18n();
  const { needed, assigned, submitted } = board.progress;
  return (
    <div className="board-progress">
      <div className="progress-row">
        <label htmlFor="progress-assigned">
          {t('board.assigned', { n: num(assigned), of: num(needed) })}
        </label>
        <progress id="progress-assigned" max={Math.max(needed, 1)} value={Math.min(assigned, needed)} />
      </div>
      <div className="progress-row">
        <label htmlFor="progress-submitted">
          {t('board.submitted', { n: num(submitted), of: num(needed) })}
        </label>
        <progress id="progress-submitted" max={Math.max(needed, 1)} value={Math.min(submitted, needed)} />
      </div>
    </div>
  );
}

function AddReviewer({
  board,
  project,
  onDone,
}: {
  board: ReviewBoard;
  project: BoardProject;
  onDone: (message: string) => void;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [reviewer, setReviewer] = useState('');
  const [error, setError] = useState<{ text: string; lang?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const assigned = new Set(project.assignments.map((a) => a.reviewerId));
  const conflicted = new Set(
    board.conflicts.filter((c) => c.projectId === project.id).map((c) => c.reviewerId),
  );
  const id = `add-${project.id}`;
  const add = async () => {
    if (!reviewer) {
      setError({ text: t('board.chooseReviewer') });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await send('POST', `/calls/${board.call.id}/review/assignments`, {
        projectId: project.id,
        reviewerId: Number(reviewer),
        stage: board.stage,
      });
      const name = board.reviewers.find((r) => String(r.id) === reviewer)?.name ?? reviewer;
      setReviewer('');
      onDone(t('board.added', { name, acronym: project.acronym }));
    } catch (e) {
      // a conflict: its reasons as the board knows them, in the user's language; else the server's words
      const reasons = board.conflicts.find(
        (c) => c.projectId === project.id && String(c.reviewerId) === reviewer,
      );
      if (e instanceof ApiError && e.status === 409 && reasons)
        setError({
          text: `${t('board.refused')} ${reasons.reasons.map((r) => bi(lang, r.message)).join(' ')}`,
          lang: biLang(lang),
        });
      else if (e instanceof ApiError && e.status === 409)
        setError({ text: `${t('board.refused')} ${e.message}` });
      else setError({ text: errorText(i18n, e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="inline-form board-add">
      <label className="visually-hidden" htmlFor={id}>
        {t('board.addLabel', { acronym: project.acronym })}
      </label>
      <select
        id={id}
        value={reviewer}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setReviewer(e.target.value)}
      >
        <option value="">{t('board.choose')}</option>
        {board.reviewers
          .filter((r) => !assigned.has(r.id))
          .map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} ({r.load}){conflicted.has(r.id) ? ` — ${t('board.conflicted')}` : ''}
            </option>
          ))}
      </select>
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={busy}
        onClick={() => void add()}
      >
        {t('board.add')}
        <span className="visually-hidden"> — {project.acronym}</span>
      </button>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert" lang={error.lang}>
          {error.text}
        </p>
      )}
    </div>
  );
}

/**
 * Projects × their reviewers: who reviews what (hidden, with the reason, from a manager whose
 * organisation is a partner), submitted or not, manual or optimal; the conflicted reviewers with
 * their reasons; a reviewer added by hand (a conflict answers 409 and is shown) or withdrawn.
 */
export function AssignmentTable({ board, onChanged }: { board: ReviewBoard; onChanged: () => void }) {
  const { t, lang, num } = useI18n();
  const i18n = useI18n();
  const [message, setMessage] = useState('');
  const [rowError, setRowError] = useState<{ project: number; text: string } | null>(null);
  const names = new Map(board.reviewers.map((r) => [r.id, r.name]));
  const done = (m: string) => {
    setMessage(m);
    onChanged();
  };
  const remove = async (p: BoardProject, assignmentId: number, name: string) => {
    setRowError(null);
    try {
      await send('DELETE', `/calls/${board.call.id}/review/assignments/${assignmentId}`);
      done(t('board.removed', { name, acronym: p.acronym }));
    } catch (e) {
      setRowError({ project: p.id, text: errorText(i18n, e) });
    }
  };
  return (
    <>
      <p className="visually-hidden" role="status">
        {message}
      </p>
      {message && (
        <p className="notice notice-success" aria-hidden="true">
          {message}
        </p>
      )}
      <TableScroll label={t('board.tableLabel')}>
        <table className="data-table board-table">
          <caption>{t('board.tableLabel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reviews.project')}</th>
              <th scope="col">{t('board.reviewers')}</th>
              <th scope="col">{t('board.conflicts')}</th>
              <th scope="col">{t('board.manual')}</th>
            </tr>
          </thead>
          <tbody>
            {board.projects.map((p) => {
              const conflicts = board.conflicts.filter((c) => c.projectId === p.id);
              return (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/projets/${p.id}`}>
                      <span className="project-acronym">{p.acronym}</span>
                    </Link>
                    <span className="muted small"> {t('board.partners', { n: num(p.partners.length) })}</span>
                  </th>
                  <td>
                    {p.reviewersHidden ? (
                      <p className="muted small">
                        {t('board.hidden', {
                          n: p.assignments.length,
                          done: p.assignments.filter((a) => a.submitted).length,
                        })}
                      </p>
                    ) : p.assignments.length === 0 ? (
                      <span className="muted">{t('board.noReviewer')}</span>
                    ) : (
                      <ul className="plain-list reviewer-list">
                        {p.assignments.map((a) => (
                          <li key={a.id ?? `${a.reviewerId}`}>
                            {a.reviewer}{' '}
                            <span
                              className={`status-pill small review-state is-${a.submitted ? 'submitted' : 'todo'}`}
                            >
                              {t(a.submitted ? 'reviews.state.submitted' : 'reviews.state.todo')}
                            </span>
                            {a.manual && <span className="muted small"> · {t('board.manualFlag')}</span>}
                            {!a.submitted && a.id != null && (
                              <button
                                type="button"
                                className="button button-danger-quiet button-small"
                                onClick={() => void remove(p, a.id!, a.reviewer ?? '')}
                              >
                                {t('board.remove')}
                                <span className="visually-hidden">
                                  {' '}
                                  — {a.reviewer}, {p.acronym}
                                </span>
                              </button>
                            )}
                          </li>
                        ))}
                      </ul>
                    )}
                    {rowError?.project === p.id && (
                      <p className="field-error" role="alert">
                        {rowError.text}
                      </p>
                    )}
                  </td>
                  <td>
                    {p.reviewersHidden ? (
                      <span className="muted small">{t('board.hiddenConflicts')}</span>
                    ) : conflicts.length === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      <ul className="plain-list conflict-list small">
                        {conflicts.map((c) => (
                          <li key={c.reviewerId}>
                            <strong>{names.get(c.reviewerId) ?? c.reviewerId}</strong> —{' '}
                            {c.reasons.map((r, i) => (
                              // biome-ignore lint/suspicious/noArrayIndexKey: reasons never reorder
                              <span key={i} lang={biLang(lang)}>
                                {bi(lang, r.message)}{' '}
                              </span>
                            ))}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    {p.reviewersHidden ? (
                      <span className="muted">—</span>
                    ) : (
                      <AddReviewer board={board} project={p} onDone={done} />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
