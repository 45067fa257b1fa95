import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { Network, OrganisationSummary, Page, Province } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import {
  apiParams,
  FILTER_KEYS,
  type Filters,
  readQuery,
  type Sort,
  withParams,
} from '../lib/organisation-query.ts';
import { ExportLinks } from './export-links.tsx';
import { OrganisationFilters } from './organisation-filters.tsx';
import { OrganisationTable } from './organisation-table.tsx';
import { Pagination } from './pagination.tsx';
import { ErrorMessage, Loading } from './status.tsx';
import { TableScroll } from './table-scroll.tsx';

interface Props {
  /** a network's page: its members, without a network filter */
  network?: string;
  /** the search page: all networks, with a network filter and column */
  networks?: Network[];
  exportWhat: string;
}

/**
 * Filters, result count, sortable table, pagination and exports of organisations. Everything the
 * user chooses lives in the URL query string, so a filtered list can be bookmarked and shared.
 */
export function OrganisationBrowser({ network, networks, exportWhat }: Props) {
  const { t, num } = useI18n();
  const [sp, setSp] = useSearchParams();
  const query = readQuery(sp, network);
  const listParams = apiParams(query, true).toString();
  const list = useApi<Page<OrganisationSummary>>(`/organisations?${listParams}`);
  const provinces = useApi<{ items: Province[] }>('/reference/provinces');
  const networkNames = useMemo(
    () => (networks ? new Map(networks.map((n) => [n.slug, n.acronym ?? n.name])) : undefined),
    [networks],
  );

  const apply = (changes: Filters) => setSp(withParams(sp, { ...changes, page: null }));
  const reset = () => {
    const clear: Record<string, null> = { page: null };
    for (const k of FILTER_KEYS) clear[k] = null;
    setSp(withParams(sp, clear));
  };
  const setSort = (sort: Sort) => setSp(withParams(sp, { sort: sort === 'name' ? null : sort, page: null }));

  const data = list.data;
  const sortLabel = t(query.sort.endsWith('headcount') ? 'col.headcount' : 'col.name');
  return (
    <div className="browser">
      <OrganisationFilters filters={query.filters} onApply={apply} onReset={reset} networks={networks} />
      <div className="results-bar">
        <p className="results-count" role="status" aria-live="polite">
          {data ? (data.total === 1 ? t('results.one') : t('results.count', { n: num(data.total) })) : ''}
          {list.loading && data && <span className="muted"> — {t('results.updating')}</span>}
        </p>
        <ExportLinks path="/organisations/export" params={apiParams(query, false)} what={exportWhat} />
      </div>
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {!data && !list.error && <Loading />}
      {data && data.items.length === 0 && !list.error && <p className="empty">{t('results.none')}</p>}
      {data && data.items.length > 0 && (
        <>
          <TableScroll label={t('results.caption', { sort: sortLabel })} busy={list.loading}>
            <OrganisationTable
              items={data.items}
              sort={query.sort}
              onSort={setSort}
              provinces={provinces.data?.items ?? []}
              networkNames={networkNames}
              caption={t('results.caption', { sort: sortLabel })}
            />
          </TableScroll>
          <Pagination page={data.page} pageSize={data.pageSize} total={data.total} />
        </>
      )}
    </div>
  );
}
