import { type ReactNode, useId, useRef } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { downloadText, toCsv } from '../lib/csv.ts';
import { ChartDataTable } from './chart-data-table.tsx';
import { useEChart } from './use-echart.ts';

/**
 * A chart with its data: the drawing is an image for assistive technology (its label sums it up);
 * the same numbers are in the table behind "show the data", and downloadable as CSV.
 */
export function ChartFigure({
  title,
  summary,
  option,
  header,
  rows,
  fileName,
  level = 2,
  load,
  tall,
  children,
}: {
  title: string;
  summary: string;
  option: Record<string, unknown> | null;
  /** column headers of the data table (first column: the row header) */
  header: string[];
  /** raw values (CSV) and their displayed text (table), one array per row */
  rows: { key: string; raw: (string | number)[]; shown: ReactNode[] }[];
  fileName: string;
  level?: 2 | 3;
  load?: Parameters<typeof useEChart>[2];
  tall?: boolean;
  /** shown under the chart, before the data */
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEChart(el, option, load);
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <figure className="chart-figure" aria-labelledby={titleId}>
      <figcaption>
        <Heading id={titleId}>{title}</Heading>
      </figcaption>
      <div
        ref={el}
        className={tall ? 'chart chart-tall' : 'chart'}
        role="img"
        aria-label={`${title}. ${summary}`}
      />
      {children}
      <div className="chart-actions">
        <ChartDataTable title={title} header={header} rows={rows} />
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() =>
            downloadText(
              `${fileName}.csv`,
              toCsv(
                header,
                rows.map((r) => r.raw),
              ),
            )
          }
        >
          {t('chart.download')}
        </button>
      </div>
    </figure>
  );
}
