import { useState } from 'react';
import { Link, NavLink, Outlet, ScrollRestoration, useLocation, useNavigate } from 'react-router';
import { Toaster } from '@/components/notifications/toaster';
import { Button } from '@/components/ui/button';
import { useSignedIn, useUser } from '@/lib/auth/get-me';
import { hasRole } from '@/lib/auth/user';
import { useI18n } from '@/lib/i18n/i18n-provider';
import type { MessageKey } from '@/lib/i18n/catalogue';
import { ConnectionIndicator } from './connection-indicator';
import { HeaderSearch } from './header-search';
import { LanguageSwitch } from './language-switch';

type NavItem = { to: string; label: MessageKey; show: boolean };

/** The frame of every page: skip link, header with navigation by role, the page, a footer. */
export function AppLayout({ onSignOut }: { onSignOut: () => Promise<void> }) {
  const { t } = useI18n();
  const signedIn = useSignedIn();
  const user = useUser().data;
  const location = useLocation();
  const navigate = useNavigate();
  const [menuOpen, setMenuOpen] = useState(false);
  // Navigating closes the menu (narrow screens), in the render that sees the new page.
  const [menuPath, setMenuPath] = useState(location.pathname);
  if (menuPath !== location.pathname) {
    setMenuPath(location.pathname);
    setMenuOpen(false);
  }
  const [signingOut, setSigningOut] = useState(false);

  const items: NavItem[] = [
    { to: '/catalog', label: 'nav.catalog', show: true },
    { to: '/orders', label: 'nav.orders', show: signedIn },
    { to: '/studio', label: 'nav.studio', show: signedIn },
    { to: '/library', label: 'nav.library', show: signedIn },
    { to: '/approvals', label: 'nav.approvals', show: hasRole(user, 'approver') || hasRole(user, 'admin') },
    { to: '/admin', label: 'nav.admin', show: hasRole(user, 'admin') },
  ];

  async function signOut() {
    setSigningOut(true);
    try {
      await onSignOut();
    } finally {
      setSigningOut(false);
      void navigate('/sign-in', { replace: true });
    }
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              M
            </span>
            <span className="brand-name">Miyabi</span>
          </Link>
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="primary-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <span aria-hidden="true">☰</span>
            <span className="visually-hidden">{t('nav.menu')}</span>
          </button>
          <nav id="primary-nav" className={`primary-nav${menuOpen ? ' open' : ''}`} aria-label={t('nav.primary')}>
            <ul>
              {items
                .filter((item) => item.show)
                .map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to}>{t(item.label)}</NavLink>
                  </li>
                ))}
            </ul>
            <div className="nav-tools">
              {signedIn ? <ConnectionIndicator /> : null}
              <LanguageSwitch />
              {signedIn ? (
                <>
                  <NavLink to="/me" className="user-link" data-testid="current-user">
                    {user?.name ?? user?.email ?? t('nav.profile')}
                  </NavLink>
                  <Button variant="ghost" onClick={signOut} busy={signingOut}>
                    {t('auth.signOut')}
                  </Button>
                </>
              ) : (
                <>
                  <NavLink to="/sign-in">{t('auth.signIn')}</NavLink>
                  <Link to="/sign-up" className="btn btn-primary">
                    {t('auth.signUp')}
                  </Link>
                </>
              )}
            </div>
          </nav>
        </div>
        <div className="topbar-search">
          <HeaderSearch />
        </div>
      </header>
      <main id="main" className="content">
        <Outlet />
      </main>
      <footer className="footer">
        <p>{t('footer.text')}</p>
      </footer>
      {signedIn ? <Toaster /> : null}
      {/* A new page starts at its top (or at the #target); back and forward return to where the reader was. */}
      <ScrollRestoration />
    </div>
  );
}
