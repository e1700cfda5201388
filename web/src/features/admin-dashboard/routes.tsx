import type { RouteObject } from 'react-router';
import { DashboardPage } from './components/dashboard-page';
import './admin-dashboard.css';

/** The pages of this feature, mounted by app/router.tsx under `/admin/dashboard` (the admin start page). */
export const adminDashboardRoutes: RouteObject[] = [{ index: true, element: <DashboardPage /> }];
