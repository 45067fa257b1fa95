import { Link } from 'react-router';
import type { KeyFigures, Network } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { IllustrativeBadge, NetworkKindBadge } from '../components/badges.tsx';
import { FigureCard, KeyFigureCards, KindBreakdown, SizeBreakdown } from '../components/key-figures.tsx';
import { MembersChart } from '../components/members-chart.tsx';
import { Async } from '../components/status.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { usePageTitle } from '../lib/use-page-title.ts';

function NetworkMembers({ networks }: { networks: Network[] }) {
  const { t, num } = useI18n();
  const max = Math.max(1, ...networks.map((n) => n.memberCount));
  return (
    <table className="data-table breakdown">
      <caption>{t('home.byNetwork')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('networks.name')}</th>
          <th scope="col">{t('networks.kind')}</th>
          <th scope="col" className="num">
            {t('networks.members')}
          </th>
        </tr>
      </thead>
      <tbody>
        {networks.map((n) => (
          <tr key={n.slug}>
            <th scope="row">
              <span className="breakdown-label">
                <Link to={`/reseaux/${n.slug}`}>{n.name}</Link> {n.illustrative && <IllustrativeBadge />}
              </span>
              <span className="bar" aria-hidden="true">
                <span style={{ width: `${(100 * n.memberCount) / max}%` }} />
              </span>
            </th>
            <td>
              <NetworkKindBadge kind={n.kind} />
            </td>
            <td className="num">{num(n.memberCount)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function HomePage() {
  const { t, date } = useI18n();
  usePageTitle(t('nav.home'));
  const stats = useApi<KeyFigures>('/stats');
  const networks = useApi<{ items: Network[] }>('/networks');
  const poles = networks.data?.items.filter((n) => n.kind === 'pole').length ?? 0;
  const clusters = networks.data?.items.filter((n) => n.kind === 'cluster').length ?? 0;
  return (
    <>
      <div className="page-header hero">
        <h1>{t('home.title')}</h1>
        <p className="lead">{t('home.intro')}</p>
        <p className="cta-row">
          <Link className="button button-primary" to="/reseaux">
            {t('home.seeNetworks')}
          </Link>
          <Link className="button button-secondary" to="/recherche">
            {t('home.searchCta')}
          </Link>
        </p>
      </div>
      <Async state={stats}>
        {(s) => (
          <>
            <section aria-labelledby="figures-title" className="section">
              <h2 id="figures-title">
                {t('home.figures')}{' '}
                <span className="heading-note">{t('common.asOf', { date: date(s.asOf) })}</span>
              </h2>
              <KeyFigureCards
                figures={s}
                extra={
                  networks.data && (
                    <FigureCard
                      label={t('fig.networks')}
                      value={networks.data.items.length}
                      note={t('fig.networksValue', { poles, clusters })}
                    />
                  )
                }
              />
            </section>
            <section className="section card">
              <MembersChart perYear={s.perYear} fileName="polaris-membres-par-annee" />
            </section>
            <div className="grid-2 section">
              <section className="card" aria-label={t('home.byKind')}>
                <KindBreakdown figures={s} />
              </section>
              <section className="card" aria-label={t('home.bySize')}>
                <SizeBreakdown figures={s} />
              </section>
            </div>
          </>
        )}
      </Async>
      <section className="section card" aria-label={t('home.byNetwork')}>
        <Async state={networks}>{(d) => <NetworkMembers networks={d.items} />}</Async>
      </section>
    </>
  );
}
