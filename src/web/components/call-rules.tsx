import { bi, biLang, type EvaluationGrid, type RuleSet } from '../api/calls.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { describeRule } from '../lib/rule-words.ts';
import { TableScroll } from './table-scroll.tsx';

/** A call's eligibility rules in plain language: the rule's title, then what it asks. */
export function RuleList({ rules }: { rules: RuleSet }) {
  const i18n = useI18n();
  const { t, tx, lang } = i18n;
  return (
    <>
      <p className="muted">
        <span lang={biLang(lang)}>{bi(lang, rules.label)}</span>
        {rules.source && (
          <>
            {' — '}
            {t('rules.source')} <span lang="fr">{rules.source}</span>
          </>
        )}
      </p>
      <ol className="rule-list">
        {rules.rules.map((r) => (
          <li key={r.id}>
            <strong>
              {r.label ? <span lang={biLang(lang)}>{bi(lang, r.label)}</span> : tx(`rules.kind.${r.kind}`)}
            </strong>
            <br />
            <span>{describeRule(i18n, r)}</span>
          </li>
        ))}
      </ol>
    </>
  );
}

/** The evaluation grid: per stage, each criterion with its weight (in %) and its scale. */
export function GridTables({ grid }: { grid: EvaluationGrid }) {
  const { t, lang, pct, num } = useI18n();
  return (
    <>
      {grid.stages.map((s) => {
        const caption = bi(lang, s.label);
        return (
          <TableScroll key={s.stage} label={caption}>
            <table className="data-table compact">
              <caption lang={biLang(lang)}>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('grid.criterion')}</th>
                  <th scope="col" className="num">
                    {t('grid.weight')}
                  </th>
                  <th scope="col" className="num">
                    {t('grid.scale')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {s.criteria.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <span lang={biLang(lang)}>{bi(lang, c.label)}</span>
                      {c.description && (
                        <span className="muted small" lang={biLang(lang)}>
                          {' '}
                          — {bi(lang, c.description)}
                        </span>
                      )}
                    </th>
                    <td className="num">{pct(c.weight)}</td>
                    <td className="num nowrap">
                      {t('grid.scaleRange', { min: num(c.scale.min), max: num(c.scale.max) })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        );
      })}
    </>
  );
}
