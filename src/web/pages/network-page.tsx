import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import type { NetworkDetail } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { IllustrativeBadge, NetworkKindBadge } from '../components/badges.tsx';
import { Breadcrumb } from '../components/breadcrumb.tsx';
import { KeyFigureCards, KindBreakdown, SizeBreakdown } from '../components/key-figures.tsx';
import { MembersChart } from '../components/members-chart.tsx';
import { OrganisationBrowser } from '../components/organisation-browser.tsx';
import { ErrorMessage, Loading } from '../components/status.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { usePageTitle } from '../lib/use-page-title.ts';
import { NotFoundPage } from './not-found-page.tsx';

function NetworkHeader({ n }: { n: NetworkDetail }) {
  const { t, date, lang } = useI18n();
  const english = lang !== 'fr' && n.descriptionEn != null;
  const description = english ? n.descriptionEn : n.descriptionFr;
  return (
    <div className="page-header">
      <Breadcrumb trail={[{ to: '/reseaux', label: t('nav.networks') }]} current={n.name} />
      <p className="eyebrow">
        <NetworkKindBadge kind={n.kind} /> {n.illustrative && <IllustrativeBadge />}
      </p>
      <h1>{n.name}</h1>
      <p className="lead">
        <span lang="fr">{n.domain}</span>
        {n.recognisedFrom && <> · {t('common.since', { date: date(n.recognisedFrom) })}</>}
      </p>
      {description && <p lang={english ? 'en' : 'fr'}>{description}</p>}
      <p className="network-links">
        <Link to={`/reseaux/${encodeURIComponent(n.slug)}/tableau-de-bord`}>
          {t('dash.titleNetwork', { name: n.name })}
        </Link>
        {' · '}
        <Link to={`/projets?network=${encodeURIComponent(n.slug)}`}>{t('nav.projects')}</Link>
      </p>
      {n.website && (
        <p>
          <a href={n.website} target="_blank" rel="noreferrer">
            {n.website.replace(/^https?:\/\//, '')}{' '}
            <span className="visually-hidden">{t('common.newWindow')}</span>
          </a>
        </p>
      )}
    </div>
  );
}

export function NetworkPage() {
  const { slug = '' } = useParams();
  const [sp] = useSearchParams();
  const { t, date } = useI18n();
  const asOf = sp.get('asOf');
  const network = useApi<NetworkDetail>(
    `/networks/${encodeURIComponent(slug)}${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`,
  );
  const n = network.data?.slug === slug ? network.data : undefined;
  usePageTitle(n?.name);

  if (network.error instanceof ApiError && network.error.status === 404)
    return <NotFoundPage message={t('network.notFound')} />;
  if (network.error && !n)
    return (
      <>
        <h1>{t('nav.networks')}</h1>
        <ErrorMessage error={network.error} onRetry={network.reload} />
      </>
    );
  if (!n)
    return (
      <>
        <h1 className="visually-hidden">{t('nav.networks')}</h1>
        <Loading />
      </>
    );
  return (
    <>
      <NetworkHeader n={n} />
      <section className="section" aria-labelledby="network-figures">
        <h2 id="network-figures">
          {t('network.figures')}{' '}
          <span className="heading-note">{t('common.asOf', { date: date(n.figures.asOf) })}</span>
        </h2>
        <KeyFigureCards figures={n.figures} />
        <div className="card section">
          <MembersChart
            perYear={n.figures.perYear}
            fileName={`polaris-${n.slug}-membres-par-annee`}
            level={3}
          />
          <p className="section-actions">
            <Link to={`/adhesions?network=${encodeURIComponent(n.slug)}`}>
              {t('network.history', { name: n.acronym ?? n.name })}
            </Link>
          </p>
        </div>
        <div className="grid-2 section">
          <div className="card">
            <KindBreakdown figures={n.figures} />
          </div>
          <div className="card">
            <SizeBreakdown figures={n.figures} />
          </div>
        </div>
      </section>
      <section className="section" aria-labelledby="network-members">
        <h2 id="network-members">{t('network.members')}</h2>
        <OrganisationBrowser network={n.slug} exportWhat={t('network.membersWhat')} />
      </section>
    </>
  );
}
