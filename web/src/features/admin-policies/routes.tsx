import type { RouteObject } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { Page } from '@/components/ui/page';

/** The pages of this feature, mounted by app/router.tsx under `/admin/policies`. */
export const adminPoliciesRoutes: RouteObject[] = [
  {
    index: true,
    element: (
      <Page title="admin/policies">
        <EmptyState title="admin/policies" />
      </Page>
    ),
  },
];
