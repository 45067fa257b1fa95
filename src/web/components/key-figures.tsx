import type { ReactNode } from 'react';
import { type KeyFigures, ORGANISATION_KINDS, SIZE_CLASSES } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function FigureCard({ label, value, note }: { label: string; value: ReactNode; note?: ReactNode }) {
  return (
    <div className="figure-card">
      <dt>{label}</dt>
      <dd>
        <span className="figure-value">{value}</span>
        {note && <span className="figure-note">{note}</span>}
      </dd>
    </div>
  );
}

/** Members, enterprises and SME share, as a description list of cards. */
export function KeyFigureCards({ figures, extra }: { figures: KeyFigures; extra?: ReactNode }) {
  const { t, num, pct } = useI18n();
  return (
    <dl className="figure-grid">
      <FigureCard label={t('fig.members')} value={num(figures.members)} />
      <FigureCard label={t('fig.enterprises')} value={num(figures.enterprises)} />
      <FigureCard label={t('fig.smeShare')} value={pct(figures.smeShare)} />
      {extra}
    </dl>
  );
}

/** A count per category as a table with proportional bars (the numbers stay readable as text). */
export function BreakdownTable({
  title,
  column,
  counts,
  order,
  labelOf,
}: {
  title: string;
  /** header of the category column */
  column: string;
  counts: Record<string, number>;
  order: readonly string[];
  labelOf: (key: string) => string;
}) {
  const { t, num, pct } = useI18n();
  const keys = [
    ...order.filter((k) => k in counts),
    ...Object.keys(counts).filter((k) => !order.includes(k)),
  ];
  const total = keys.reduce((s, k) => s + (counts[k] ?? 0), 0);
  const max = Math.max(1, ...keys.map((k) => counts[k] ?? 0));
  return (
    <table className="data-table breakdown">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{column}</th>
          <th scope="col" className="num">
            {t('fig.count')}
          </th>
          <th scope="col" className="num">
            {t('fig.share')}
          </th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => {
          const n = counts[k] ?? 0;
          return (
            <tr key={k}>
              <th scope="row">
                <span className="breakdown-label">{labelOf(k)}</span>
                <span className="bar" aria-hidden="true">
                  <span style={{ width: `${(100 * n) / max}%` }} />
                </span>
              </th>
              <td className="num">{num(n)}</td>
              <td className="num">{total > 0 ? pct(n / total) : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function KindBreakdown({ figures }: { figures: KeyFigures }) {
  const { t, tx } = useI18n();
  return (
    <BreakdownTable
      title={t('home.byKind')}
      column={t('col.kind')}
      counts={figures.byKind}
      order={ORGANISATION_KINDS}
      labelOf={(k) => tx(`kind.${k}`)}
    />
  );
}

export function SizeBreakdown({ figures }: { figures: KeyFigures }) {
  const { t, tx } = useI18n();
  return (
    <BreakdownTable
      title={t('home.bySize')}
      column={t('col.size')}
      counts={figures.bySize}
      order={[...SIZE_CLASSES, 'unknown']}
      labelOf={(k) => tx(`size.${k}`)}
    />
  );
}
