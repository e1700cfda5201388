import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { Spinner } from '@/components/ui/spinner';
import { useI18n } from '@/lib/i18n/i18n-provider';
import './admin-dashboard.css';

// Loaded on demand: the charting library is only fetched by admins who open the dashboard.
const DashboardPage = lazy(async () => ({ default: (await import('./components/dashboard-page')).DashboardPage }));

function Dashboard() {
  const { t } = useI18n();
  return (
    <Suspense fallback={<Spinner label={t('common.loading')} />}>
      <DashboardPage />
    </Suspense>
  );
}

/** The pages of this feature, mounted by app/router.tsx under `/admin/dashboard` (the admin start page). */
export const adminDashboardRoutes: RouteObject[] = [{ index: true, element: <Dashboard /> }];
