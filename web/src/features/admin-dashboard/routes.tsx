import type { RouteObject } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { Page } from '@/components/ui/page';

/** The pages of this feature, mounted by app/router.tsx under `/admin/dashboard`. */
export const adminDashboardRoutes: RouteObject[] = [
  {
    index: true,
    element: (
      <Page title="admin/dashboard">
        <EmptyState title="admin/dashboard" />
      </Page>
    ),
  },
];
