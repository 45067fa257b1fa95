import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { TableScroll } from './table-scroll.tsx';

/**
 * The numbers behind a chart, as a table under "show the data": the accessible equivalent of the
 * drawing (first column = row header, the others numbers).
 */
export function ChartDataTable({
  title,
  header,
  rows,
  open,
}: {
  title: string;
  header: string[];
  rows: { key: string; shown: ReactNode[] }[];
  open?: boolean;
}) {
  const { t } = useI18n();
  return (
    <details className="chart-data" open={open}>
      <summary>{t('chart.showTable')}</summary>
      <TableScroll label={title}>
        <table className="data-table compact">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              {header.map((h, i) => (
                <th key={h} scope="col" className={i > 0 ? 'num' : undefined}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                {r.shown.map((cell, i) =>
                  i === 0 ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
                    <th key={i} scope="row">
                      {cell}
                    </th>
                  ) : (
                    // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
                    <td key={i} className="num">
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </details>
  );
}
