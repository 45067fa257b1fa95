import { type ReactNode, type RefObject, useId, useRef } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { downloadText, toCsv } from '../lib/csv.ts';
import { ChartDataTable } from './chart-data-table.tsx';
import { type ChartHandle, useSteeringChart } from './use-steering-chart.ts';

type Setup = typeof import('./echarts-steering-setup.ts');

/** One row of a chart's data: raw values (CSV) and their displayed text (table). */
export interface ChartRow {
  key: string;
  raw: (string | number | null)[];
  shown: ReactNode[];
}

function downloadUrl(fileName: string, url: string) {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
}

/** The exports of a drawn chart: PNG and SVG images, CSV of its data, XLSX from the server. */
export function ChartExports({
  title,
  fileName,
  handle,
  header,
  rows,
  xlsxHref,
}: {
  title: string;
  fileName: string;
  handle: RefObject<ChartHandle | null>;
  header: string[];
  rows: ChartRow[];
  xlsxHref?: string;
}) {
  const { t } = useI18n();
  const png = () => {
    const url = handle.current?.png();
    if (url) downloadUrl(`${fileName}.png`, url);
  };
  const svg = () => {
    const text = handle.current?.svg();
    if (text) downloadText(`${fileName}.svg`, text, 'image/svg+xml;charset=utf-8');
  };
  const csv = () =>
    downloadText(
      `${fileName}.csv`,
      toCsv(
        header,
        rows.map((r) => r.raw),
      ),
    );
  return (
    <fieldset className="chart-exports">
      <legend>{t('steer.download')}</legend>
      <button type="button" className="button button-secondary button-small" onClick={png}>
        PNG<span className="visually-hidden"> — {title}</span>
      </button>
      <button type="button" className="button button-secondary button-small" onClick={svg}>
        SVG<span className="visually-hidden"> — {title}</span>
      </button>
      <button type="button" className="button button-secondary button-small" onClick={csv}>
        CSV<span className="visually-hidden"> — {title}</span>
      </button>
      {xlsxHref && (
        <a className="button button-secondary button-small" href={xlsxHref} download>
          XLSX<span className="visually-hidden"> — {title}</span>
        </a>
      )}
    </fieldset>
  );
}

/**
 * A steering chart with its data. The drawing is an image for assistive technology (its label
 * sums it up); the same numbers are in the table behind "show the data". Exports: the image as
 * PNG and SVG, the data as CSV (built here, Belgian Excel) and, when the server offers it, XLSX.
 */
export function SteeringChart({
  title,
  summary,
  option,
  header,
  rows,
  fileName,
  level = 2,
  xlsxHref,
  tall,
  before,
  tableOpen,
  children,
}: {
  title: string;
  summary: string;
  option: Record<string, unknown> | null;
  /** column headers of the data table (first column: the row header) */
  header: string[];
  rows: ChartRow[];
  fileName: string;
  level?: 2 | 3;
  /** the same data as an Excel workbook, from the server */
  xlsxHref?: string;
  tall?: boolean;
  before?: (setup: Setup) => void;
  /** show the table at first (a page whose table is the point) */
  tableOpen?: boolean;
  /** shown under the chart, before the data */
  children?: ReactNode;
}) {
  const el = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const handle = useSteeringChart(el, option, before);
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <figure className="chart-figure steering-chart" aria-labelledby={titleId}>
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
        <ChartDataTable title={title} header={header} rows={rows} open={tableOpen} />
        <ChartExports
          title={title}
          fileName={fileName}
          handle={handle}
          header={header}
          rows={rows}
          xlsxHref={xlsxHref}
        />
      </div>
    </figure>
  );
}
