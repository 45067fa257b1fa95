import { type FormEvent, useEffect, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { MembershipHistoryItem, Network, Page } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { ExportLinks } from '../components/export-links.tsx';
import { DateFilter, FilterActions, filterSelects } from '../components/filter-controls.tsx';
import { Pagination } from '../components/pagination.tsx';
import { ErrorMessage, Loading } from '../components/status.tsx';
import { TableScroll } from '../components/table-scroll.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import {
  type MembershipFilters as Filters,
  MEMBERSHIP_FILTER_KEYS,
  membershipApiParams,
  readMembershipQuery,
  yearOptions,
} from '../lib/membership-query.ts';
import { withParams } from '../lib/organisation-query.ts';
import { usePageTitle } from '../lib/use-page-title.ts';

/** Network and years apply at once; the date applies on submit (Enter or the Filter button). */
function MembershipFilters({
  filters,
  networks,
  onApply,
  onReset,
}: {
  filters: Filters;
  networks: Network[];
  onApply: (changes: Filters) => void;
  onReset: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [asOf, setAsOf] = useState(filters.asOf ?? '');
  useEffect(() => setAsOf(filters.asOf ?? ''), [filters.asOf]);
  const years = yearOptions(new Date().getFullYear(), [filters.joinedYear, filters.leftYear]);

  const select = filterSelects(id, filters, onApply);
  const yearList = years.map((y): [string, string] => [String(y), String(y)]);

  return (
    <form
      className="filters"
      aria-label={t('memberships.filters')}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onApply({ asOf });
      }}
    >
      {select(
        'network',
        t('filters.network'),
        t('filters.allNetworks'),
        // a slug from the URL that is not a network stays visible (the list then says why it fails)
        [
          ...networks.map((n): [string, string] => [n.slug, n.name]),
          ...(filters.network && networks.length > 0 && !networks.some((n) => n.slug === filters.network)
            ? [[filters.network, filters.network] as [string, string]]
            : []),
        ],
      )}
      {select('joinedYear', t('memberships.joinedYear'), t('memberships.anyYear'), yearList)}
      {select('leftYear', t('memberships.leftYear'), t('memberships.anyYear'), yearList)}
      <DateFilter
        id={`${id}-asOf`}
        label={t('memberships.asOf')}
        value={asOf}
        min="1990-01-01"
        hint={t('memberships.asOfHint')}
        onChange={setAsOf}
      />
      <FilterActions onReset={onReset} />
    </form>
  );
}

/**
 * /adhesions — the membership history across organisations: who joined or left which network
 * when ("who joined Skywin in 2019", "who left in 2020"). Filters live in the URL.
 */
export function MembershipsPage() {
  const { t, tx, num, date } = useI18n();
  usePageTitle(t('memberships.title'));
  const [sp, setSp] = useSearchParams();
  const query = readMembershipQuery(sp);
  const list = useApi<Page<MembershipHistoryItem>>(`/memberships?${membershipApiParams(query, true)}`);
  const networks = useApi<{ items: Network[] }>('/networks');
  const networkList = networks.data?.items ?? [];

  const apply = (changes: Filters) => setSp(withParams(sp, { ...changes, page: null }));
  const reset = () => {
    const clear: Record<string, null> = { page: null };
    for (const k of MEMBERSHIP_FILTER_KEYS) clear[k] = null;
    setSp(withParams(sp, clear));
  };

  const f = query.filters;
  const networkName = networkList.find((n) => n.slug === f.network)?.name ?? f.network;
  const scope = [
    networkName,
    f.joinedYear && t('memberships.joinedIn', { year: f.joinedYear }),
    f.leftYear && t('memberships.leftIn', { year: f.leftYear }),
    f.asOf && t('memberships.activeOn', { date: date(f.asOf) }),
  ].filter(Boolean);
  const caption = scope.length
    ? `${t('memberships.caption')} — ${scope.join(', ')}`
    : t('memberships.caption');
  const data = list.data;

  return (
    <>
      <div className="page-header">
        <h1>{t('memberships.title')}</h1>
        <p className="lead">{t('memberships.intro')}</p>
      </div>
      <div className="browser">
        <MembershipFilters filters={f} networks={networkList} onApply={apply} onReset={reset} />
        <div className="results-bar">
          <p className="results-count" role="status" aria-live="polite">
            {data
              ? data.total === 1
                ? t('memberships.one')
                : t('memberships.count', { n: num(data.total) })
              : ''}
            {list.loading && data && <span className="muted"> — {t('results.updating')}</span>}
          </p>
          <ExportLinks
            path="/memberships"
            params={membershipApiParams(query, false)}
            what={t('memberships.what')}
          />
        </div>
        {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
        {!data && !list.error && <Loading />}
        {data && data.items.length === 0 && !list.error && <p className="empty">{t('memberships.none')}</p>}
        {data && data.items.length > 0 && (
          <>
            <TableScroll label={caption} busy={list.loading}>
              <table className="data-table membership-history">
                <caption className="visually-hidden">{caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('col.name')}</th>
                    <th scope="col">{t('col.kind')}</th>
                    <th scope="col">{t('timeline.network')}</th>
                    <th scope="col">{t('timeline.joined')}</th>
                    <th scope="col">{t('timeline.left')}</th>
                    <th scope="col">{t('timeline.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((m) => (
                    <tr key={m.id}>
                      <th scope="row" className="org-cell">
                        <Link to={`/organisations/${m.organisationId}`}>{m.organisationName}</Link>
                        {m.enterpriseNumber && <span className="muted mono">{m.enterpriseNumber}</span>}
                      </th>
                      <td>{tx(`kind.${m.organisationKind}`)}</td>
                      <td>
                        <Link to={`/reseaux/${m.networkSlug}`}>{m.networkName}</Link>
                      </td>
                      <td className="nowrap">{date(m.joinedOn)}</td>
                      <td className="nowrap">{m.leftOn ? date(m.leftOn) : '—'}</td>
                      <td>
                        <span className={`status-pill ${m.leftOn ? 'is-ended' : 'is-active'}`}>
                          {t(m.leftOn ? 'timeline.ended' : 'timeline.active')}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <Pagination page={data.page} pageSize={data.pageSize} total={data.total} />
          </>
        )}
      </div>
    </>
  );
}
