import { Link } from 'react-router';
import type { ProjectSummary } from '../api/project-types.ts';
import type { Page } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ProjectStatusBadge } from './project-badges.tsx';
import { Async } from './status.tsx';
import { TableScroll } from './table-scroll.tsx';

/** An organisation's projects (the public sees the labelled ones), newest first, with its role. */
export function OrganisationProjects({ organisationId }: { organisationId: number }) {
  const { t, tx, eur, date } = useI18n();
  const projects = useApi<Page<ProjectSummary>>(
    `/projects?organisation=${organisationId}&status=labelled&sort=-startDate&pageSize=100`,
  );
  return (
    <section className="section" aria-labelledby="org-projects">
      <h2 id="org-projects">{t('org.projects')}</h2>
      <Async state={projects}>
        {(d) =>
          d.items.length === 0 ? (
            <p className="empty">{t('org.projectsNone')}</p>
          ) : (
            <TableScroll label={t('org.projectsCaption')}>
              <table className="data-table projects">
                <caption className="visually-hidden">{t('org.projectsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('pcol.acronym')}</th>
                    <th scope="col">{t('pcol.title')}</th>
                    <th scope="col">{t('pcol.role')}</th>
                    <th scope="col">{t('pcol.status')}</th>
                    <th scope="col">{t('pcol.start')}</th>
                    <th scope="col" className="num">
                      {t('pcol.granted')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((p) => {
                    const mine = p.partners.find((x) => x.organisationId === organisationId);
                    return (
                      <tr key={p.id}>
                        <th scope="row" className="org-cell">
                          <Link to={`/projets/${p.id}`}>{p.acronym}</Link>
                        </th>
                        <td className="project-title">{p.title}</td>
                        <td>{mine ? tx(`role.${mine.role}`) : '—'}</td>
                        <td>
                          <ProjectStatusBadge status={p.status} />
                        </td>
                        <td className="nowrap">{date(p.startDate)}</td>
                        <td className="num nowrap">{eur(mine?.fundingGrantedEur)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
          )
        }
      </Async>
    </section>
  );
}
