import type { RouteObject } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { Page } from '@/components/ui/page';

/** The pages of this feature, mounted by app/router.tsx under `/approvals`. */
export const approvalsRoutes: RouteObject[] = [
  {
    index: true,
    element: (
      <Page title="approvals">
        <EmptyState title="approvals" />
      </Page>
    ),
  },
];
