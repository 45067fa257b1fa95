import { NavLink } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';

/** The two views of /reseau: organisations, and the network of the networks. */
export function GraphViewsNav() {
  const { t } = useI18n();
  return (
    <nav className="view-tabs" aria-label={t('graph.views')}>
      <ul>
        <li>
          <NavLink to="/reseau" end>
            {t('graph.viewOrganisations')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/reseau/reseaux">{t('graph.viewNetworks')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
