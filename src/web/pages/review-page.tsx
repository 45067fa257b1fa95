import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { bi, type MyReview, type MyReviews } from '../api/calls.ts';
import { ApiError, api, send } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { Breadcrumb } from '../components/breadcrumb.tsx';
import { ErrorSummary, type SummaryItem } from '../components/error-summary.tsx';
import { FormField } from '../components/form-field.tsx';
import { LoginFirst } from '../components/login-first.tsx';
import { ErrorMessage, ErrorText, Loading } from '../components/status.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { describeError } from '../lib/error-view.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { NotFoundPage } from './not-found-page.tsx';
import { ReviewStateBadge } from './reviews-page.tsx';
import '../calls.css';

const scoreId = (criterion: string) => `score-${criterion}`;

/** Σ weight × score of the criteria scored so far, and the most it could reach. */
function liveTotal(r: MyReview, scores: Record<string, string>) {
  let total = 0;
  let max = 0;
  let scored = 0;
  for (const c of r.criteria) {
    max += c.weight * c.scale.max;
    const s = scores[c.id];
    if (s != null && s !== '') {
      total += c.weight * Number(s);
      scored++;
    }
  }
  return { total, max, complete: scored === r.criteria.length };
}

function ConflictForm({ review }: { review: MyReview }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // the field the user just asked to fill in
  useEffect(() => {
    if (open) document.getElementById('conflict-reason')?.focus();
  }, [open]);
  const declare = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setError(t('submit.required'));
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await send('POST', '/reviews/conflicts', { projectId: review.projectId, reason: reason.trim() });
      navigate('/evaluations', {
        state: { flash: t('score.conflictDeclared', { acronym: review.acronym }) },
      });
    } catch (err) {
      setFailure(err);
      setBusy(false);
    }
  };
  return (
    <section className="section card" aria-labelledby="conflict-title">
      <h2 id="conflict-title">{t('score.conflictTitle')}</h2>
      <p>{t('score.conflictIntro')}</p>
      {!open ? (
        <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
          {t('score.conflictOpen')}
        </button>
      ) : (
        <form onSubmit={declare} noValidate>
          {failure != null && (
            <p className="notice notice-error" role="alert">
              <ErrorText error={failure} />
            </p>
          )}
          <FormField
            id="conflict-reason"
            label={t('score.conflictReason')}
            required
            errors={error ? [error] : undefined}
          >
            {(p) => <textarea {...p} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </FormField>
          <div className="form-actions">
            <button type="submit" className="button button-danger" disabled={busy}>
              {t('score.conflictSubmit')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function ScoringForm({ review, onSaved }: { review: MyReview; onSaved: (r: MyReview) => void }) {
  const { t, lang, num, pct } = useI18n();
  const [scores, setScores] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(review.scores).map(([k, v]) => [k, String(v)])),
  );
  const [comment, setComment] = useState(review.comment ?? '');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [other, setOther] = useState<string[]>([]);
  const [headline, setHeadline] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const total = liveTotal(review, scores);
  const readOnly = review.submittedAt != null;

  const save = async (submit: boolean) => {
    setMessage(null);
    setOther([]);
    setHeadline(undefined);
    if (submit) {
      const missing: Record<string, string[]> = {};
      for (const c of review.criteria) if (!scores[c.id]) missing[scoreId(c.id)] = [t('score.missing')];
      if (Object.keys(missing).length) {
        setErrors(missing);
        return;
      }
    }
    setBusy(submit ? 'submit' : 'save');
    try {
      const body = {
        scores: Object.fromEntries(
          Object.entries(scores)
            .filter(([, v]) => v !== '')
            .map(([k, v]) => [k, Number(v)]),
        ),
        comment: comment.trim() || null,
        submit,
      };
      await api(`/reviews/${review.id}`, { method: 'PUT', body: JSON.stringify(body) });
      setErrors({});
      setMessage(submit ? t('score.submitted') : t('score.saved'));
      const mine = await api<MyReviews>('/reviews/mine');
      const fresh = mine.items.find((x) => x.id === review.id);
      if (fresh) onSaved(fresh);
      statusRef.current?.focus();
    } catch (err) {
      const view = describeError(t, err);
      if (err instanceof ApiError && err.details.length > 0) {
        const fields: Record<string, string[]> = {};
        const rest: string[] = [];
        for (const d of err.details) {
          const m = /^scores\.(.+)$/.exec(d.path);
          const c = m ? review.criteria.find((x) => x.id === m[1]) : undefined;
          if (c) fields[scoreId(c.id)] = [...(fields[scoreId(c.id)] ?? []), d.message];
          else if (d.path === 'comment') fields['score-comment'] = [d.message];
          else rest.push(d.path ? `${d.path} : ${d.message}` : d.message);
        }
        setErrors(fields);
        setOther(rest);
        setHeadline(rest.length ? view.headline : undefined);
      } else {
        setErrors({});
        setOther(view.details);
        setHeadline(view.headline);
      }
    } finally {
      setBusy(null);
    }
  };

  const summary: SummaryItem[] = useMemo(
    () => [
      ...review.criteria.flatMap((c) =>
        (errors[scoreId(c.id)] ?? []).map((m) => ({
          fieldId: scoreId(c.id),
          label: bi(lang, c.label),
          message: m,
        })),
      ),
      ...(errors['score-comment'] ?? []).map((m) => ({
        fieldId: 'score-comment',
        label: t('score.comment'),
        message: m,
      })),
      ...other.map((message) => ({ fieldId: null, label: '', message, lang: 'en' })),
    ],
    [errors, other, review.criteria, lang, t],
  );

  return (
    <form
      className="scoring-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save(true);
      }}
      noValidate
    >
      <ErrorSummary items={summary} title={headline} />
      <p className="visually-hidden" role="status">
        {message ?? ''}
      </p>
      {message && (
        <p className="notice notice-success" ref={statusRef} tabIndex={-1} aria-hidden="true">
          {message}
        </p>
      )}
      {readOnly && <p className="notice notice-info">{t('score.readOnly')}</p>}
      <fieldset>
        <legend>{t('score.criteria')}</legend>
        <div className="criteria-grid">
          {review.criteria.map((c) => {
            const id = scoreId(c.id);
            const values: number[] = [];
            for (let v = c.scale.min; v <= c.scale.max; v++) values.push(v);
            return (
              <FormField
                key={c.id}
                id={id}
                label={t('score.criterionLabel', { label: bi(lang, c.label), weight: pct(c.weight) })}
                hint={[
                  c.description ? bi(lang, c.description) : null,
                  t('score.scaleHint', { min: num(c.scale.min), max: num(c.scale.max) }),
                ]
                  .filter(Boolean)
                  .join(' — ')}
                errors={errors[id]}
                required
              >
                {(p) => (
                  <select
                    {...p}
                    disabled={readOnly}
                    value={scores[c.id] ?? ''}
                    onChange={(e) => setScores((s) => ({ ...s, [c.id]: e.target.value }))}
                  >
                    <option value="">{t('score.choose')}</option>
                    {values.map((v) => (
                      <option key={v} value={String(v)}>
                        {num(v)}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
            );
          })}
        </div>
      </fieldset>
      <p className="live-total" aria-live="polite">
        {t('score.total')} : <strong>{num(total.total, 2)}</strong> / {num(total.max, 2)}
        {!total.complete && <span className="muted"> ({t('score.partial')})</span>}
      </p>
      <FormField
        id="score-comment"
        label={t('score.comment')}
        hint={t('score.commentHint')}
        errors={errors['score-comment']}
      >
        {(p) => (
          <textarea
            {...p}
            rows={5}
            disabled={readOnly}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        )}
      </FormField>
      {!readOnly && (
        <div className="form-actions">
          <button
            type="button"
            className="button button-secondary"
            disabled={busy != null}
            onClick={() => void save(false)}
          >
            {busy === 'save' ? t('common.saving') : t('score.save')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy != null}>
            {busy === 'submit' ? t('score.submitting') : t('score.submit')}
          </button>
        </div>
      )}
    </form>
  );
}

/** /evaluations/:id — score one assigned project on the call's grid, save a draft or submit. */
export function ReviewPage() {
  const { id = '' } = useParams();
  const { t, date } = useI18n();
  const { me, loading } = useAuth();
  const mine = useApi<MyReviews>(me.email ? '/reviews/mine' : null);
  const [fresh, setFresh] = useState<MyReview | null>(null);
  const found = mine.data?.items.find((r) => String(r.id) === id);
  const r = fresh?.id === found?.id && fresh ? fresh : found;
  usePageTitle(r ? t('score.title', { acronym: r.acronym }) : t('reviews.title'));
  if (loading || (me.email && !mine.data && !mine.error))
    return (
      <>
        <h1 className="visually-hidden">{t('reviews.title')}</h1>
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
  if (!r) return <NotFoundPage message={t('score.notFound')} />;
  return (
    <>
      <div className="page-header">
        <Breadcrumb trail={[{ to: '/evaluations', label: t('nav.reviews') }]} current={r.acronym} />
        <p className="eyebrow">
          <ReviewStateBadge review={r} />{' '}
          <span className="muted">
            {r.callTitle} — {t('reviews.stage', { n: r.stage })}
          </span>
        </p>
        <h1>{t('score.title', { acronym: r.acronym })}</h1>
        <p className="lead">
          <Link to={`/projets/${r.projectId}`}>{r.title}</Link>
        </p>
        {r.summary && <p>{r.summary}</p>}
        {r.keywords.length > 0 && (
          <ul className="tag-list" aria-label={t('project.keywords')}>
            {r.keywords.map((k) => (
              <li key={k} className="tag">
                {k}
              </li>
            ))}
          </ul>
        )}
        {r.submittedAt && <p className="muted">{t('score.submittedOn', { date: date(r.submittedAt) })}</p>}
      </div>
      <section className="section card" aria-labelledby="scoring-title">
        <h2 id="scoring-title">{t('score.formTitle')}</h2>
        <p className="hint">{t('score.intro')}</p>
        <ScoringForm key={r.id} review={r} onSaved={setFresh} />
      </section>
      {!r.submittedAt && <ConflictForm review={r} />}
    </>
  );
}
