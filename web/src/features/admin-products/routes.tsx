import type { RouteObject } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { Page } from '@/components/ui/page';

/** The pages of this feature, mounted by app/router.tsx under `/admin/products`. */
export const adminProductsRoutes: RouteObject[] = [
  {
    index: true,
    element: (
      <Page title="admin/products">
        <EmptyState title="admin/products" />
      </Page>
    ),
  },
];
