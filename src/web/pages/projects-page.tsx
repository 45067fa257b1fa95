import { useSearchParams } from 'react-router';
import type { FundingTotals, NetworkOutcomes, ProjectSummary } from '../api/project-types.ts';
import type { Network, Page } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { ExportLinks } from '../components/export-links.tsx';
import { FundingChart } from '../components/funding-chart.tsx';
import { FigureCard } from '../components/key-figures.tsx';
import { OutcomesTable } from '../components/outcomes-table.tsx';
import { Pagination } from '../components/pagination.tsx';
import { ProjectFilters } from '../components/project-filters.tsx';
import { ProjectTable } from '../components/project-table.tsx';
import { Async, ErrorMessage, Loading } from '../components/status.tsx';
import { TableScroll } from '../components/table-scroll.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { withParams } from '../lib/organisation-query.ts';
import {
  type ProjectFilters as Filters,
  PROJECT_FILTER_KEYS,
  type ProjectQuery,
  type ProjectSort,
  projectApiParams,
  readProjectQuery,
} from '../lib/project-query.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import '../projects.css';

/** Projects and public funding of the filtered set (totals by type: each project counted once). */
function ProjectFigures({ query }: { query: ProjectQuery }) {
  const { t, num, eur } = useI18n();
  const params = projectApiParams(query, { withSort: false });
  const byType = useApi<FundingTotals>(`/projects/funding?by=type&${params}`);
  const byNetwork = useApi<FundingTotals>(`/projects/funding?by=network&${params}`);
  const filtered = PROJECT_FILTER_KEYS.some((k) => query.filters[k]);
  return (
    <section className="section" aria-labelledby="projects-figures">
      <h2 id="projects-figures">{t('projects.figures')}</h2>
      <Async state={byType}>
        {(d) => {
          const projects = d.items.reduce((s, r) => s + r.projects, 0);
          const funding = d.items.reduce((s, r) => s + r.fundingGranted, 0);
          return (
            <dl className="figure-grid projects-figures">
              <FigureCard
                label={t(filtered ? 'projects.figSelected' : 'projects.figLabelled')}
                value={num(projects)}
              />
              <FigureCard label={t('projects.figFunding')} value={eur(funding)} />
              <FigureCard
                label={t('projects.figAverage')}
                value={projects > 0 ? eur(funding / projects) : '—'}
              />
            </dl>
          );
        }}
      </Async>
      <div className="card section">
        <Async state={byNetwork}>{(d) => <FundingChart rows={d.items} />}</Async>
      </div>
    </section>
  );
}

function Outcomes() {
  const { t } = useI18n();
  const outcomes = useApi<{ items: NetworkOutcomes[] }>('/projects/outcomes');
  return (
    <section className="section" aria-labelledby="projects-outcomes">
      <h2 id="projects-outcomes">{t('outcomes.title')}</h2>
      <p>{t('outcomes.intro')}</p>
      <Async state={outcomes}>{(d) => <OutcomesTable items={d.items} />}</Async>
    </section>
  );
}

const SORT_LABEL: Record<string, 'pcol.acronym' | 'pcol.start' | 'pcol.funding'> = {
  acronym: 'pcol.acronym',
  startDate: 'pcol.start',
  funding: 'pcol.funding',
};

/**
 * /projets — the project directory: key figures and funding per pole for the filtered set, the
 * sortable list with its exports, and the promised-versus-actual outcomes. Filters live in the URL.
 */
export function ProjectsPage() {
  const { t, num } = useI18n();
  usePageTitle(t('projects.title'));
  const [sp, setSp] = useSearchParams();
  const query = readProjectQuery(sp);
  const list = useApi<Page<ProjectSummary>>(`/projects?${projectApiParams(query, { withPaging: true })}`);
  const networks = useApi<{ items: Network[] }>('/networks');

  const apply = (changes: Filters) => setSp(withParams(sp, { ...changes, page: null }));
  const reset = () => {
    const clear: Record<string, null> = { page: null };
    for (const k of PROJECT_FILTER_KEYS) clear[k] = null;
    setSp(withParams(sp, clear));
  };
  const setSort = (sort: ProjectSort) =>
    setSp(withParams(sp, { sort: sort === '-startDate' ? null : sort, page: null }));

  const data = list.data;
  const sortLabel = t(SORT_LABEL[query.sort.replace('-', '')] ?? 'pcol.start');
  const caption = t('projects.caption', { sort: sortLabel });
  return (
    <>
      <div className="page-header">
        <h1>{t('projects.title')}</h1>
        <p className="lead">{t('projects.intro')}</p>
      </div>
      <ProjectFigures query={query} />
      <section className="section browser" aria-labelledby="projects-list">
        <h2 id="projects-list">{t('projects.list')}</h2>
        <ProjectFilters
          filters={query.filters}
          networks={networks.data?.items ?? []}
          onApply={apply}
          onReset={reset}
        />
        <div className="results-bar">
          <p className="results-count" role="status" aria-live="polite">
            {data ? (data.total === 1 ? t('projects.one') : t('projects.count', { n: num(data.total) })) : ''}
            {list.loading && data && <span className="muted"> — {t('results.updating')}</span>}
          </p>
          <ExportLinks path="/projects/export" params={projectApiParams(query)} what={t('projects.what')} />
        </div>
        {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
        {!data && !list.error && <Loading />}
        {data && data.items.length === 0 && !list.error && <p className="empty">{t('projects.none')}</p>}
        {data && data.items.length > 0 && (
          <>
            <TableScroll label={caption} busy={list.loading}>
              <ProjectTable
                items={data.items}
                sort={query.sort}
                onSort={setSort}
                caption={caption}
                showStatus={!!query.filters.status}
              />
            </TableScroll>
            <Pagination page={data.page} pageSize={data.pageSize} total={data.total} />
          </>
        )}
      </section>
      <Outcomes />
    </>
  );
}
