import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { Decision, RankingRow } from '../api/calls.ts';
import { ApiError, api } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { describeError } from '../lib/error-view.ts';
import { ErrorSummary, type SummaryItem } from './error-summary.tsx';
import { FormField } from './form-field.tsx';
import { TableScroll } from './table-scroll.tsx';

function DecisionForm({
  row,
  stage,
  onDone,
  onCancel,
}: {
  row: RankingRow;
  stage: 1 | 2;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t, tx } = useI18n();
  const choices: Decision[] = stage === 1 ? ['advance', 'reject'] : ['label', 'reject'];
  const [decision, setDecision] = useState<Decision | ''>(
    row.decision && choices.includes(row.decision) ? row.decision : '',
  );
  const [consensus, setConsensus] = useState(row.consensus ?? '');
  const [justification, setJustification] = useState(row.justification ?? '');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [headline, setHeadline] = useState<string | undefined>(undefined);
  const [other, setOther] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // opened from a row's "Décider": the form's heading takes focus
  useEffect(() => headingRef.current?.focus(), []);
  const fieldOf: Record<string, string> = {
    decision: 'decision-advance',
    consensus: 'decision-consensus',
    justification: 'decision-justification',
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string[]> = {};
    if (!decision) local['decision-advance'] = [t('decision.chooseOne')];
    if (!justification.trim()) local['decision-justification'] = [t('decision.justificationRequired')];
    setOther([]);
    setHeadline(undefined);
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    setBusy(true);
    try {
      await api(`/projects/${row.projectId}/review/${stage}`, {
        method: 'PUT',
        body: JSON.stringify({
          decision,
          consensus: consensus.trim() || null,
          justification: justification.trim(),
        }),
      });
      setErrors({});
      onDone(t('decision.recorded', { acronym: row.acronym, decision: tx(`decision.${decision}`) }));
    } catch (err) {
      const view = describeError(t, err);
      if (err instanceof ApiError && err.details.length) {
        const fields: Record<string, string[]> = {};
        const rest: string[] = [];
        for (const d of err.details) {
          const f = fieldOf[d.path];
          if (f) fields[f] = [...(fields[f] ?? []), d.message];
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
      setBusy(false);
    }
  };
  const labels: Record<string, string> = {
    'decision-advance': t('decision.decision'),
    'decision-consensus': t('decision.consensus'),
    'decision-justification': t('decision.justification'),
  };
  const summary: SummaryItem[] = [
    ...Object.entries(errors).flatMap(([id, list]) =>
      list.map((message) => ({ fieldId: id, label: labels[id] ?? id, message })),
    ),
    ...other.map((message) => ({ fieldId: null, label: '', message, lang: 'en' })),
  ];
  const decisionError = errors['decision-advance'];
  return (
    <form className="card decision-form" onSubmit={submit} noValidate aria-labelledby="decision-title">
      <h3 id="decision-title" ref={headingRef} tabIndex={-1}>
        {t('decision.title', { acronym: row.acronym })}
      </h3>
      <ErrorSummary items={summary} title={headline} />
      <fieldset className={`checkbox-group${decisionError ? ' has-error' : ''}`}>
        <legend>
          {t('decision.decision')} <span className="required">({t('form.required')})</span>
        </legend>
        {decisionError && <span className="field-error">{decisionError.join(' ; ')}</span>}
        {choices.map((c, i) => (
          <div className="checkbox" key={c}>
            <input
              id={i === 0 ? 'decision-advance' : `decision-${c}`}
              type="radio"
              name="decision"
              value={c}
              checked={decision === c}
              onChange={() => setDecision(c)}
            />
            <label htmlFor={i === 0 ? 'decision-advance' : `decision-${c}`}>{tx(`decision.${c}`)}</label>
          </div>
        ))}
      </fieldset>
      <FormField
        id="decision-consensus"
        label={t('decision.consensus')}
        hint={t('decision.consensusHint')}
        errors={errors['decision-consensus']}
      >
        {(p) => <textarea {...p} rows={3} value={consensus} onChange={(e) => setConsensus(e.target.value)} />}
      </FormField>
      <FormField
        id="decision-justification"
        label={t('decision.justification')}
        required
        errors={errors['decision-justification']}
      >
        {(p) => (
          <textarea
            {...p}
            rows={3}
            value={justification}
            onChange={(e) => setJustification(e.target.value)}
          />
        )}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('decision.record')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * The ranking of a stage: rank (ties flagged "ex aequo"), mean weighted score, standard deviation,
 * reviews in / expected, the decision; "Décider" (projects not yet decided) opens the decision form below.
 */
export function RankingSection({
  items,
  stage,
  onChanged,
}: {
  items: RankingRow[];
  stage: 1 | 2;
  onChanged: () => void;
}) {
  const { t, tx, num } = useI18n();
  const [open, setOpen] = useState<number | null>(null);
  const [message, setMessage] = useState('');
  const openRow = items.find((r) => r.projectId === open);
  const decide = (id: number) => {
    setOpen(id);
    setMessage('');
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
      <TableScroll label={t('ranking.tableLabel', { n: stage })}>
        <table className="data-table ranking-table">
          <caption>{t('ranking.tableLabel', { n: stage })}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('ranking.rank')}
              </th>
              <th scope="col">{t('reviews.project')}</th>
              <th scope="col" className="num">
                {t('ranking.mean')}
              </th>
              <th scope="col" className="num">
                {t('ranking.sd')}
              </th>
              <th scope="col" className="num">
                {t('ranking.reviews')}
              </th>
              <th scope="col">{t('ranking.decision')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.projectId}>
                <td className="num nowrap">
                  {r.rank ?? '—'}
                  {r.tied && <span className="badge tie-badge"> {t('ranking.tied')}</span>}
                </td>
                <th scope="row">
                  <Link to={`/projets/${r.projectId}`}>
                    <span className="project-acronym">{r.acronym}</span>
                  </Link>{' '}
                  <span className="muted small">{tx(`status.${r.status}`)}</span>
                </th>
                <td className="num">{r.mean == null ? '—' : num(r.mean, 2)}</td>
                <td className="num">{r.sd == null ? '—' : num(r.sd, 2)}</td>
                <td className="num">{t('ranking.reviewsOf', { n: r.reviews, of: r.expected })}</td>
                <td>
                  {r.decision ? (
                    <>
                      <strong>{tx(`decision.${r.decision}`)}</strong>
                      {r.justification && <span className="muted small"> — {r.justification}</span>}
                    </>
                  ) : (
                    <span className="muted">{t('ranking.noDecision')}</span>
                  )}
                </td>
                <td>
                  {!r.decision && (
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={() => decide(r.projectId)}
                    >
                      {t('ranking.decide')}
                      <span className="visually-hidden"> — {r.acronym}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <div>
        {openRow && (
          <DecisionForm
            key={openRow.projectId}
            row={openRow}
            stage={stage}
            onDone={(m) => {
              setOpen(null);
              setMessage(m);
              onChanged();
            }}
            onCancel={() => setOpen(null)}
          />
        )}
      </div>
    </>
  );
}
