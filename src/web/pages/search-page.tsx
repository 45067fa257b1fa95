import { Link, useSearchParams } from 'react-router';
import type { Network } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { FullTextSearch } from '../components/full-text-search.tsx';
import { OrganisationBrowser } from '../components/organisation-browser.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useFlash } from '../lib/use-flash.ts';
import { usePageTitle } from '../lib/use-page-title.ts';

/** `?vue=repertoire`: the registry table with its filters and exports, as before full-text search. */
export const REGISTRY_VIEW = 'repertoire';

function RegistryView() {
  const { t } = useI18n();
  const networks = useApi<{ items: Network[] }>('/networks');
  return <OrganisationBrowser networks={networks.data?.items ?? []} exportWhat={t('search.what')} />;
}

export function SearchPage() {
  const { t } = useI18n();
  const [sp] = useSearchParams();
  const registry = sp.get('vue') === REGISTRY_VIEW;
  usePageTitle(registry ? t('search.title') : t('fts.title'));
  const flash = useFlash();
  return (
    <>
      <div className="page-header">
        <h1>{registry ? t('search.title') : t('fts.title')}</h1>
        <p className="lead">{registry ? t('search.intro') : t('fts.intro')}</p>
        <p>
          {registry ? (
            <Link to="/recherche">{t('fts.toFullText')}</Link>
          ) : (
            <Link to={`/recherche?vue=${REGISTRY_VIEW}`}>{t('fts.toRegistry')}</Link>
          )}
        </p>
      </div>
      {flash && (
        <p className="notice notice-success" role="status">
          {flash}
        </p>
      )}
      {registry ? <RegistryView /> : <FullTextSearch />}
    </>
  );
}
