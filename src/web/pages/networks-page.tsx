import { Link } from 'react-router';
import type { Network } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { IllustrativeBadge, NetworkKindBadge } from '../components/badges.tsx';
import { ExportLinks } from '../components/export-links.tsx';
import { Async } from '../components/status.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { usePageTitle } from '../lib/use-page-title.ts';

function NetworkCard({ n }: { n: Network }) {
  const { t, num, date, lang } = useI18n();
  const english = lang !== 'fr' && n.descriptionEn != null;
  const description = english ? n.descriptionEn : n.descriptionFr;
  return (
    <li className="network-card">
      <div className="network-card-head">
        <NetworkKindBadge kind={n.kind} />
        {n.illustrative && <IllustrativeBadge />}
      </div>
      <h3>
        <Link to={`/reseaux/${n.slug}`} className="stretched-link">
          {n.name}
        </Link>
      </h3>
      <p className="network-domain" lang="fr">
        {n.domain}
      </p>
      {description && (
        <p className="network-description" lang={english ? 'en' : 'fr'}>
          {description}
        </p>
      )}
      <dl className="network-meta">
        <div>
          <dt>{t('networks.members')}</dt>
          <dd className="network-count">{num(n.memberCount)}</dd>
        </div>
        {n.recognisedFrom && (
          <div>
            <dt>{t('networks.recognised')}</dt>
            <dd>{date(n.recognisedFrom)}</dd>
          </div>
        )}
      </dl>
    </li>
  );
}

export function NetworksPage() {
  const { t } = useI18n();
  usePageTitle(t('networks.title'));
  const networks = useApi<{ items: Network[] }>('/networks');
  return (
    <>
      <div className="page-header page-header-row">
        <div>
          <h1>{t('networks.title')}</h1>
          <p className="lead">{t('networks.intro')}</p>
        </div>
        <ExportLinks path="/networks" what={t('networks.what')} />
      </div>
      <Async state={networks}>
        {(d) => (
          <>
            {(['pole', 'cluster'] as const).map((kind) => (
              <section key={kind} className="section" aria-labelledby={`kind-${kind}`}>
                <h2 id={`kind-${kind}`}>
                  {t(kind === 'pole' ? 'networkKind.poles' : 'networkKind.clusters')}
                </h2>
                <ul className="network-grid">
                  {d.items
                    .filter((n) => n.kind === kind)
                    .map((n) => (
                      <NetworkCard key={n.slug} n={n} />
                    ))}
                </ul>
              </section>
            ))}
          </>
        )}
      </Async>
    </>
  );
}
