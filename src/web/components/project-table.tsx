import { Link } from 'react-router';
import type { ProjectSummary } from '../api/project-types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { ProjectSort } from '../lib/project-query.ts';
import { ProjectStatusBadge } from './project-badges.tsx';
import { SortHeader } from './sort-header.tsx';

/** Projects as a sortable table: acronym (link), title, poles, coordinator, partners, start, funding. */
export function ProjectTable({
  items,
  sort,
  onSort,
  caption,
  showStatus,
}: {
  items: ProjectSummary[];
  sort: ProjectSort;
  onSort: (s: ProjectSort) => void;
  caption: string;
  /** a status column, when the list is not only labelled projects */
  showStatus?: boolean;
}) {
  const { t, num, eur, date } = useI18n();
  return (
    <table className="data-table projects">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <SortHeader label={t('pcol.acronym')} column="acronym" sort={sort} onSort={onSort} />
          <th scope="col">{t('pcol.title')}</th>
          <th scope="col">{t('pcol.networks')}</th>
          <th scope="col">{t('pcol.coordinator')}</th>
          <th scope="col" className="num">
            {t('pcol.partners')}
          </th>
          {showStatus && <th scope="col">{t('pcol.status')}</th>}
          <SortHeader
            label={t('pcol.start')}
            column="startDate"
            sort={sort}
            onSort={onSort}
            firstDescending
          />
          <SortHeader
            label={t('pcol.funding')}
            column="funding"
            sort={sort}
            onSort={onSort}
            firstDescending
            className="num"
          />
        </tr>
      </thead>
      <tbody>
        {items.map((p) => {
          const coordinator = p.partners.find((x) => x.role === 'coordinator');
          return (
            <tr key={p.id}>
              <th scope="row" className="org-cell">
                <Link to={`/projets/${p.id}`}>{p.acronym}</Link>
              </th>
              <td className="project-title">{p.title}</td>
              <td>
                {p.networks.length === 0 && <span className="muted">—</span>}
                {p.networks.map((n, i) => (
                  <span key={n.slug}>
                    {i > 0 && ', '}
                    <Link to={`/reseaux/${n.slug}`}>{n.acronym ?? n.name}</Link>
                  </span>
                ))}
              </td>
              <td>
                {coordinator ? (
                  coordinator.organisationId ? (
                    <Link to={`/organisations/${coordinator.organisationId}`}>{coordinator.name}</Link>
                  ) : (
                    coordinator.name
                  )
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="num">{num(p.partners.length)}</td>
              {showStatus && (
                <td>
                  <ProjectStatusBadge status={p.status} />
                </td>
              )}
              <td className="nowrap">{date(p.startDate)}</td>
              <td className="num nowrap">{eur(p.publicFundingEur)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
