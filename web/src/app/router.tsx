import { createBrowserRouter, Navigate, Outlet, type RouteObject } from 'react-router';
import { AdminLayout } from '@/components/layouts/admin-layout';
import { AppLayout } from '@/components/layouts/app-layout';
import { adminDashboardRoutes } from '@/features/admin-dashboard/routes';
import { adminPoliciesRoutes } from '@/features/admin-policies/routes';
import { adminProductsRoutes } from '@/features/admin-products/routes';
import { UsersPage } from '@/features/admin-users/components/users-page';
import { approvalsRoutes } from '@/features/approvals/routes';
import { ForgotPasswordPage } from '@/features/auth/components/forgot-password-page';
import { ProfilePage } from '@/features/auth/components/profile-page';
import { ResetPasswordPage } from '@/features/auth/components/reset-password-page';
import { SignInPage } from '@/features/auth/components/sign-in-page';
import { SignUpPage } from '@/features/auth/components/sign-up-page';
import { logout } from '@/features/auth/api/logout';
import { CatalogPage } from '@/features/catalog/components/catalog-page';
import { libraryRoutes } from '@/features/library/routes';
import { LandingPage } from '@/features/landing/components/landing-page';
import { ProductDetailPage } from '@/features/catalog/components/product-detail-page';
import { AdminOrdersPage } from '@/features/orders/components/admin-orders-page';
import { ordersRoutes } from '@/features/orders/routes';
import { searchRoutes } from '@/features/search/routes';
import { studioRoutes } from '@/features/studio/routes';
import { RedirectIfSignedIn, RequireAuth } from '@/lib/auth/guards';
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
        { index: true, element: <LandingPage /> },
        {
          path: 'sign-in',
          element: (
            <RedirectIfSignedIn>
              <SignInPage />
            </RedirectIfSignedIn>
          ),
        },
        {
          path: 'sign-up',
          element: (
            <RedirectIfSignedIn>
              <SignUpPage />
            </RedirectIfSignedIn>
          ),
        },
        {
          path: 'forgot-password',
          element: (
            <RedirectIfSignedIn>
              <ForgotPasswordPage />
            </RedirectIfSignedIn>
          ),
        },
        // Also for a signed-in user: the link may be for another account, or the session an old one.
        { path: 'reset-password', element: <ResetPasswordPage /> },
        { path: 'catalog', element: <CatalogPage /> },
        { path: 'catalog/:productId', element: <ProductDetailPage /> },
        { path: 'search', children: searchRoutes },
        {
          path: 'library',
          element: (
            <RequireAuth>
              <Outlet />
            </RequireAuth>
          ),
          children: libraryRoutes,
        },
        {
          path: 'me',
          element: (
            <RequireAuth>
              <ProfilePage />
            </RequireAuth>
          ),
        },
        {
          path: 'orders',
          element: (
            <RequireAuth>
              <Outlet />
            </RequireAuth>
          ),
          children: ordersRoutes,
        },
        {
          path: 'studio',
          element: (
            <RequireAuth>
              <Outlet />
            </RequireAuth>
          ),
          children: studioRoutes,
        },
        {
          path: 'approvals',
          element: (
            <RequireAuth>
              <Outlet />
            </RequireAuth>
          ),
          children: approvalsRoutes,
        },
        {
          path: 'admin',
          element: (
            <RequireAuth role="admin">
              <AdminLayout />
            </RequireAuth>
          ),
          children: [
            { index: true, element: <Navigate to="/admin/dashboard" replace /> },
            { path: 'dashboard', children: adminDashboardRoutes },
            { path: 'products', children: adminProductsRoutes },
            { path: 'policies', children: adminPoliciesRoutes },
            { path: 'orders', element: <AdminOrdersPage /> },
            { path: 'users', element: <UsersPage /> },
          ],
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ];
}

export function createAppRouter() {
  return createBrowserRouter(appRoutes(logout));
}
