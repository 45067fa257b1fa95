import { Link, NavLink, useLocation } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';

/** The steering pages: dashboards, map, indicators, specialisation, annual reports, the impact observatory. */
const STEERING = /^\/(tableau-de-bord|carte|indicateurs|rapports|observatoire)(\/|$)/;

/** The last complete year: the annual report's default. */
export function lastCompleteYear(): number {
  return new Date().getFullYear() - 1;
}

/**
 * "Pilotage" in the main navigation: one entry for the steering pages (their own tabs lead from
 * one to the other), current on any of them.
 */
export function SteeringNavLink() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const here = STEERING.test(pathname);
  return (
    <Link to="/tableau-de-bord" aria-current={here ? 'page' : undefined}>
      {t('nav.steering')}
    </Link>
  );
}

/** Tabs between the steering pages, and the open data. */
export function SteeringViewsNav() {
  const { t } = useI18n();
  return (
    <nav className="view-tabs" aria-label={t('steer.views')}>
      <ul>
        <li>
          <NavLink to="/tableau-de-bord">{t('steer.dashboard')}</NavLink>
        </li>
        <li>
          <NavLink to="/carte">{t('steer.map')}</NavLink>
        </li>
        <li>
          <NavLink to="/indicateurs" end>
            {t('steer.indicators')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/indicateurs/specialisation">{t('steer.specialisation')}</NavLink>
        </li>
        <li>
          <NavLink to={`/rapports/region/${lastCompleteYear()}`}>{t('steer.report')}</NavLink>
        </li>
        <li>
          <NavLink to="/observatoire">{t('obs.nav')}</NavLink>
        </li>
        <li>
          <a href="/open-data/">{t('steer.openData')}</a>
        </li>
      </ul>
    </nav>
  );
}
