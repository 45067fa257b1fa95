import { type RefObject, useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import type { OrganisationSummary, Page } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { LANG_NAMES, LANGS, type Lang, LISTED_LANGS, useI18n } from '../i18n/i18n.tsx';
import { HeaderSearch } from './header-search.tsx';
import { SteeringNavLink } from './steering-nav.tsx';

function Logo() {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#ffd166" />
      <path d="M16 4l2.6 8.4L27 16l-8.4 2.6L16 27l-2.6-8.4L5 16l8.4-3.6z" fill="#0f2a47" />
    </svg>
  );
}

/** Demo data is flagged on every organisation; one look at the first one tells the whole set. */
function DemoBanner() {
  const { t } = useI18n();
  const { data } = useApi<Page<OrganisationSummary>>('/organisations?pageSize=1');
  if (!data?.items[0]?.generated) return null;
  return (
    <div className="demo-banner">
      <div className="container">
        <strong>{t('app.demoBanner')}</strong> — {t('app.demoBannerText')}
      </div>
    </div>
  );
}

function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const offered = LISTED_LANGS.includes(lang) ? LISTED_LANGS : [...LISTED_LANGS, lang];
  return (
    <div className="lang-switch">
      <label htmlFor="lang-select">{t('app.language')}</label>
      <select
        id="lang-select"
        value={lang}
        onChange={(e) => {
          const l = e.target.value;
          if ((LANGS as readonly string[]).includes(l)) setLang(l as Lang);
        }}
      >
        {offered.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANG_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}

function AccountMenu() {
  const { t } = useI18n();
  const { me, logout, loading } = useAuth();
  if (loading) return null;
  if (!me.email)
    return (
      <Link className="button button-header" to="/connexion">
        {t('auth.login')}
      </Link>
    );
  return (
    <div className="account">
      <span className="account-name">
        <span className="account-user">{me.displayName ?? me.email}</span>
        <span className="account-role">{t(`auth.role.${me.role}`)}</span>
      </span>
      <button type="button" className="button button-header" onClick={() => void logout()}>
        {t('auth.logout')}
      </button>
    </div>
  );
}

/** Move focus to the page's main content after a client-side navigation (not on the first load). */
function useFocusOnNavigate(ref: RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void pathname;
    ref.current?.focus();
    window.scrollTo(0, 0);
  }, [pathname, ref]);
}

export function Layout() {
  const { t } = useI18n();
  const { canManage, me } = useAuth();
  const main = useRef<HTMLElement>(null);
  useFocusOnNavigate(main);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <DemoBanner />
      <header className="site-header">
        <div className="container header-bar">
          <Link className="brand" to="/" aria-label={t('app.home')}>
            <Logo />
            <span className="brand-text">
              <span className="brand-name">{t('app.name')}</span>
              <span className="brand-tagline">{t('app.tagline')}</span>
            </span>
          </Link>
          <HeaderSearch />
          <div className="header-tools">
            <LanguageSwitch />
            <AccountMenu />
          </div>
        </div>
        <nav className="main-nav" aria-label={t('nav.label')}>
          <ul className="container">
            <li>
              <NavLink to="/" end>
                {t('nav.home')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/reseaux">{t('nav.networks')}</NavLink>
            </li>
            <li>
              <NavLink to="/recherche">{t('nav.search')}</NavLink>
            </li>
            <li>
              <NavLink to="/partenaires">{t('nav.partners')}</NavLink>
            </li>
            <li>
              <NavLink to="/projets">{t('nav.projects')}</NavLink>
            </li>
            <li>
              <NavLink to="/appels">{t('nav.calls')}</NavLink>
            </li>
            <li>
              <NavLink to="/reseau">{t('nav.collaboration')}</NavLink>
            </li>
            <li>
              <SteeringNavLink />
            </li>
            <li>
              <NavLink to="/adhesions">{t('nav.memberships')}</NavLink>
            </li>
            {me.email && (
              <li>
                <NavLink to="/evaluations">{t('nav.reviews')}</NavLink>
              </li>
            )}
            {canManage && (
              <>
                <li>
                  <NavLink to="/organisations/nouvelle">{t('nav.newOrganisation')}</NavLink>
                </li>
                <li>
                  <NavLink to="/import">{t('nav.import')}</NavLink>
                </li>
              </>
            )}
          </ul>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="container site-main">
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('app.footer')}</p>
          <p>
            <a href="/api/docs">{t('app.apiDocs')}</a>
          </p>
          <p>
            <a href="/open-data/">{t('app.openData')}</a>
          </p>
        </div>
      </footer>
    </>
  );
}
