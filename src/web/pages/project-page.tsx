import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import type { ProjectDetail } from '../api/project-types.ts';
import { useApi } from '../api/use-api.ts';
import { Breadcrumb } from '../components/breadcrumb.tsx';
import { DraftSection } from '../components/draft-section.tsx';
import { ProjectStatusBadge } from '../components/project-badges.tsx';
import {
  ConsortiumTable,
  FundingByYear,
  ProjectJournal,
  ProjectOutcomes,
} from '../components/project-sections.tsx';
import { ErrorMessage, Loading } from '../components/status.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { usePageTitle } from '../lib/use-page-title.ts';
import { NotFoundPage } from './not-found-page.tsx';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="field-row">
      <dt>{label}</dt>
      <dd>{children == null || children === '' ? '—' : children}</dd>
    </div>
  );
}

function Overview({ p }: { p: ProjectDetail }) {
  const { t, tx, eur, date } = useI18n();
  return (
    <div className="grid-2 section">
      <section className="card" aria-labelledby="project-overview">
        <h2 id="project-overview">{t('project.overview')}</h2>
        <dl className="fields">
          <Fact label={t('project.status')}>
            <ProjectStatusBadge status={p.status} />
          </Fact>
          <Fact label={t('project.type')}>{tx(`ptype.${p.projectType}`)}</Fact>
          <Fact label={t('project.call')}>{p.callTitle}</Fact>
          <Fact label={t('project.networks')}>
            {p.networks.length > 0 && (
              <ul className="plain-list">
                {p.networks.map((n) => (
                  <li key={n.slug}>
                    <Link to={`/reseaux/${n.slug}`}>{n.name}</Link>
                  </li>
                ))}
              </ul>
            )}
          </Fact>
          <Fact label={t('project.source')}>{tx(`source.${p.source}`)}</Fact>
          {p.externalId && (
            <Fact label={t('project.reference')}>
              <span className="mono">{p.externalId}</span>
            </Fact>
          )}
        </dl>
      </section>
      <section className="card" aria-labelledby="project-dates">
        <h2 id="project-dates">{t('project.fundingAndDates')}</h2>
        <dl className="fields">
          <Fact label={t('project.publicFunding')}>
            <strong>{eur(p.publicFundingEur)}</strong>
          </Fact>
          {p.totalBudgetEur != null && <Fact label={t('project.totalBudget')}>{eur(p.totalBudgetEur)}</Fact>}
          <Fact label={t('project.labelledOn')}>{p.labelledOn && date(p.labelledOn)}</Fact>
          <Fact label={t('project.start')}>{p.startDate && date(p.startDate)}</Fact>
          <Fact label={t('project.end')}>{p.endDate && date(p.endDate)}</Fact>
          <Fact label={t('project.duration')}>
            {p.durationMonths != null && t('project.months', { n: p.durationMonths })}
          </Fact>
        </dl>
      </section>
    </div>
  );
}

/**
 * /projets/:id — a project's public page: what it is, who carries it (consortium and funding),
 * what it promised and delivered, and its journal for those allowed to read it.
 */
export function ProjectPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const valid = /^\d+$/.test(id);
  const project = useApi<ProjectDetail>(valid ? `/projects/${id}` : null);
  const p = project.data?.id === Number(id) ? project.data : undefined;
  usePageTitle(p ? `${p.acronym} — ${p.title}` : undefined);

  if (!valid || (project.error instanceof ApiError && project.error.status === 404))
    return <NotFoundPage message={t('project.notFound')} />;
  if (project.error && !p)
    return (
      <>
        <h1>{t('projects.title')}</h1>
        <ErrorMessage error={project.error} onRetry={project.reload} />
      </>
    );
  if (!p)
    return (
      <>
        <h1 className="visually-hidden">{t('projects.title')}</h1>
        <Loading />
      </>
    );
  return (
    <>
      <div className="page-header">
        <Breadcrumb trail={[{ to: '/projets', label: t('nav.projects') }]} current={p.acronym} />
        <p className="eyebrow">
          <ProjectStatusBadge status={p.status} />
        </p>
        <h1>
          <span className="project-acronym">{p.acronym}</span>{' '}
          <span className="project-title-h">{p.title}</span>
        </h1>
        {p.summary && <p className="lead">{p.summary}</p>}
        {p.keywords.length > 0 && (
          <ul className="tag-list" aria-label={t('project.keywords')}>
            {p.keywords.map((k) => (
              <li key={k} className="tag">
                {k}
              </li>
            ))}
          </ul>
        )}
      </div>
      {p.generated && <p className="notice notice-demo">{t('project.generated')}</p>}
      {p.permissions.confidential && <p className="notice">{t('project.confidential')}</p>}
      <DraftSection project={p} onChanged={project.reload} />
      <Overview p={p} />
      <section className="section" aria-labelledby="project-consortium">
        <h2 id="project-consortium">{t('project.consortium')}</h2>
        <ConsortiumTable partners={p.partners} />
      </section>
      <div className="grid-2 section">
        <section className="card" aria-labelledby="project-funding-years">
          <h2 id="project-funding-years">{t('project.fundingByYear')}</h2>
          <FundingByYear rows={p.fundingByYear} />
        </section>
        <section className="card" aria-labelledby="project-outcomes">
          <h2 id="project-outcomes">{t('project.outcomes')}</h2>
          <ProjectOutcomes p={p} />
        </section>
      </div>
      {p.transitions && (
        <section className="section" aria-labelledby="project-journal">
          <h2 id="project-journal">{t('project.journal')}</h2>
          <ProjectJournal transitions={p.transitions} />
        </section>
      )}
    </>
  );
}
