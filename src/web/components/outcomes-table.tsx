import type { NetworkOutcomes } from '../api/project-types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { TableScroll } from './table-scroll.tsx';

type Pair = 'Jobs' | 'Patents' | 'Products' | 'Spinoffs';
const PAIRS: Pair[] = ['Jobs', 'Patents', 'Products', 'Spinoffs'];

function total(items: NetworkOutcomes[]): NetworkOutcomes {
  const sum = (k: keyof NetworkOutcomes) => items.reduce((s, x) => s + (x[k] as number), 0);
  const promisedJobs = sum('promisedJobs');
  const actualJobs = sum('actualJobs');
  return {
    slug: '',
    name: '',
    projects: sum('projects'),
    promisedJobs,
    actualJobs,
    promisedPatents: sum('promisedPatents'),
    actualPatents: sum('actualPatents'),
    promisedProducts: sum('promisedProducts'),
    actualProducts: sum('actualProducts'),
    promisedSpinoffs: sum('promisedSpinoffs'),
    actualSpinoffs: sum('actualSpinoffs'),
    jobsRealised: promisedJobs > 0 ? actualJobs / promisedJobs : null,
  };
}

/**
 * What closed projects promised at submission and reported at closure, per pole. The jobs gap
 * is spelled out ("emplois promis 1.234 · réalisés 321 (26 %)") and drawn as a bar beside it.
 */
export function OutcomesTable({ items }: { items: NetworkOutcomes[] }) {
  const { t, num, pct } = useI18n();
  if (items.length === 0) return <p className="empty">{t('outcomes.none')}</p>;
  const all = total(items);
  const pairText = (o: NetworkOutcomes, p: Pair) =>
    t('outcomes.pair', { actual: num(o[`actual${p}`]), promised: num(o[`promised${p}`]) });
  const jobsLine = (o: NetworkOutcomes) =>
    t('outcomes.jobsLine', {
      promised: num(o.promisedJobs),
      actual: num(o.actualJobs),
      share: pct(o.jobsRealised),
    });
  const row = (o: NetworkOutcomes, name: string, isTotal = false) => (
    <tr key={o.slug || 'total'} className={isTotal ? 'total-row' : undefined}>
      <th scope="row">{name}</th>
      <td className="num">{num(o.projects)}</td>
      <td>
        <span className="gap-text">{jobsLine(o)}</span>
        <span className="gap-bar" aria-hidden="true">
          <span style={{ width: `${Math.min(100, 100 * (o.jobsRealised ?? 0))}%` }} />
        </span>
      </td>
      {PAIRS.slice(1).map((p) => (
        <td key={p} className="num nowrap">
          {pairText(o, p)}
        </td>
      ))}
    </tr>
  );
  return (
    <>
      <p className="lead-figure">
        <strong>{t('outcomes.total')}</strong> — {jobsLine(all)}
      </p>
      <TableScroll label={t('outcomes.caption')}>
        <table className="data-table outcomes">
          <caption className="visually-hidden">{t('outcomes.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('outcomes.network')}</th>
              <th scope="col" className="num">
                {t('outcomes.projects')}
              </th>
              <th scope="col">{t('outcomes.jobs')}</th>
              <th scope="col" className="num">
                {t('outcomes.patents')}
              </th>
              <th scope="col" className="num">
                {t('outcomes.products')}
              </th>
              <th scope="col" className="num">
                {t('outcomes.spinoffs')}
              </th>
            </tr>
          </thead>
          <tbody>{items.map((o) => row(o, o.name))}</tbody>
          <tfoot>{row(all, t('outcomes.total'), true)}</tfoot>
        </table>
      </TableScroll>
    </>
  );
}
