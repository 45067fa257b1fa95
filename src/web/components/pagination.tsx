import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { PAGE_SIZES, withParams } from '../lib/organisation-query.ts';

/** Previous / next links that keep the other query parameters, and the page-size choice. */
export function Pagination({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const { t, num } = useI18n();
  const [sp, setSp] = useSearchParams();
  const id = useId();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => `?${withParams(sp, { page: p === 1 ? null : String(p) }).toString()}`;
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <div className="pagination-pages">
        {page > 1 ? (
          <Link className="button button-secondary button-small" to={href(page - 1)} rel="prev">
            ← {t('pagination.prev')}
          </Link>
        ) : (
          <span className="button button-secondary button-small is-disabled" aria-hidden="true">
            ← {t('pagination.prev')}
          </span>
        )}
        <span className="pagination-status">
          {t('pagination.status', { page: num(Math.min(page, pages)), pages: num(pages) })}
        </span>
        {page < pages ? (
          <Link className="button button-secondary button-small" to={href(page + 1)} rel="next">
            {t('pagination.next')} →
          </Link>
        ) : (
          <span className="button button-secondary button-small is-disabled" aria-hidden="true">
            {t('pagination.next')} →
          </span>
        )}
      </div>
      <div className="pagination-size">
        <label htmlFor={`${id}-size`}>{t('pagination.pageSize')}</label>
        <select
          id={`${id}-size`}
          value={pageSize}
          onChange={(e) =>
            setSp(withParams(sp, { pageSize: e.target.value === '25' ? null : e.target.value, page: null }))
          }
        >
          {PAGE_SIZES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
    </nav>
  );
}
