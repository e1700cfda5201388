import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { AppLayout } from '@/components/layouts/app-layout';
import { UsersPage } from '@/features/admin-users/components/users-page';
import { ProfilePage } from '@/features/auth/components/profile-page';
import { SignInPage } from '@/features/auth/components/sign-in-page';
import { SignUpPage } from '@/features/auth/components/sign-up-page';
import { logout } from '@/features/auth/api/logout';
import { CatalogPage } from '@/features/catalog/components/catalog-page';
import { ProductDetailPage } from '@/features/catalog/components/product-detail-page';
import { RedirectIfSignedIn, RequireAuth } from '@/lib/auth/guards';
import { ComingSoon } from './routes/coming-soon';
import { NotFoundPage } from './routes/not-found';

/**
 * Every page of the app. The server answers any of these paths with the index page (SPA
 * fallback), so each is a real, reloadable address. A new page: a component in its feature
 * folder, one entry here, and a link in the layout's navigation.
 */
export function appRoutes(onSignOut: () => Promise<void>): RouteObject[] {
  return [
    {
      element: <AppLayout onSignOut={onSignOut} />,
      children: [
        { index: true, element: <Navigate to="/catalog" replace /> },
        { path: 'sign-in', element: <RedirectIfSignedIn><SignInPage /></RedirectIfSignedIn> },
        { path: 'sign-up', element: <RedirectIfSignedIn><SignUpPage /></RedirectIfSignedIn> },
        { path: 'catalog', element: <CatalogPage /> },
        { path: 'catalog/:productId', element: <ProductDetailPage /> },
        { path: 'me', element: <RequireAuth><ProfilePage /></RequireAuth> },
        {
          path: 'orders',
          element: <RequireAuth><ComingSoon title="nav.orders" body="comingSoon.orders" /></RequireAuth>,
        },
        {
          path: 'studio',
          element: <RequireAuth><ComingSoon title="nav.studio" body="comingSoon.studio" /></RequireAuth>,
        },
        {
          path: 'approvals',
          element: <RequireAuth><ComingSoon title="nav.approvals" body="comingSoon.approvals" /></RequireAuth>,
        },
        { path: 'admin', element: <Navigate to="/admin/users" replace /> },
        { path: 'admin/users', element: <RequireAuth role="admin"><UsersPage /></RequireAuth> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ];
}

export function createAppRouter() {
  return createBrowserRouter(appRoutes(logout));
}
