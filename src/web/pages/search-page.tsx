import type { Network } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { OrganisationBrowser } from '../components/organisation-browser.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useFlash } from '../lib/use-flash.ts';
import { usePageTitle } from '../lib/use-page-title.ts';

export function SearchPage() {
  const { t } = useI18n();
  usePageTitle(t('search.title'));
  const networks = useApi<{ items: Network[] }>('/networks');
  const flash = useFlash();
  return (
    <>
      <div className="page-header">
        <h1>{t('search.title')}</h1>
        <p className="lead">{t('search.intro')}</p>
      </div>
      {flash && (
        <p className="notice notice-success" role="status">
          {flash}
        </p>
      )}
      <OrganisationBrowser networks={networks.data?.items ?? []} exportWhat={t('search.what')} />
    </>
  );
}
