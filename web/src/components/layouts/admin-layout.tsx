import { NavLink, Outlet } from 'react-router';
import type { MessageKey } from '@/lib/i18n/catalogue';
import { useI18n } from '@/lib/i18n/i18n-provider';

const SECTIONS: { to: string; label: MessageKey }[] = [
  { to: '/admin/dashboard', label: 'nav.adminDashboard' },
  { to: '/admin/orders', label: 'nav.adminOrders' },
  { to: '/admin/products', label: 'nav.adminProducts' },
  { to: '/admin/policies', label: 'nav.adminPolicies' },
  { to: '/admin/users', label: 'nav.adminUsers' },
];

/** The admin area: its own navigation above the section's page. */
export function AdminLayout() {
  const { t } = useI18n();
  return (
    <div className="admin-area">
      <nav className="sub-nav" aria-label={t('nav.adminSections')}>
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.to}>
              <NavLink to={section.to}>{t(section.label)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
