import { useI18n } from '../i18n/i18n.tsx';

const NOTES = [
  'descriptive',
  'selection',
  'did',
  'parallel',
  'staggered',
  'matching',
  'inference',
  'confidentiality',
] as const;

/**
 * The method notes in plain language: what the descriptive comparison is and is not, why members
 * are not a random sample, what difference-in-differences assumes and how each estimator handles
 * it, how to read the intervals, what is hidden and why.
 */
export function MethodNotes({ open, headingLevel = 2 }: { open?: boolean; headingLevel?: 2 | 3 }) {
  const { t, tx } = useI18n();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  return (
    <section className="section card obs-notes" aria-labelledby="obs-notes-title">
      <H id="obs-notes-title">{t('obs.notes.title')}</H>
      {NOTES.map((k) =>
        open ? (
          <div key={k} className="obs-note">
            <Sub>{tx(`obs.notes.${k}.title`)}</Sub>
            <p>{tx(`obs.notes.${k}.text`)}</p>
          </div>
        ) : (
          <details key={k} className="obs-note">
            <summary>{tx(`obs.notes.${k}.title`)}</summary>
            <p>{tx(`obs.notes.${k}.text`)}</p>
          </details>
        ),
      )}
      <p className="hint">{t('obs.notes.references')}</p>
    </section>
  );
}
