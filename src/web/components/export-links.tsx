import { API_BASE } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * CSV and Excel downloads of what is on screen. `path` is the API path; `params` the same filters
 * as the table (the format is added here).
 */
export function ExportLinks({
  path,
  params,
  what,
}: {
  path: string;
  params?: URLSearchParams;
  what: string;
}) {
  const { t } = useI18n();
  const href = (format: 'csv' | 'xlsx') => {
    const p = new URLSearchParams(params);
    p.set('format', format);
    return `${API_BASE}${path}?${p.toString()}`;
  };
  return (
    <div className="export-links">
      <a className="button button-secondary button-small" href={href('csv')} download>
        <span aria-hidden="true">⤓ </span>
        {t('common.exportCsv')}
        <span className="visually-hidden"> — {what}</span>
      </a>
      <a className="button button-secondary button-small" href={href('xlsx')} download>
        <span aria-hidden="true">⤓ </span>
        {t('common.exportXlsx')}
        <span className="visually-hidden"> — {what}</span>
      </a>
    </div>
  );
}
