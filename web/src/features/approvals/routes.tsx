import type { RouteObject } from 'react-router';
import { ApprovalDetailPage } from './components/approval-detail-page';
import { ApprovalsPage } from './components/approvals-page';
import './approvals.css';

/** The pages of this feature, mounted by app/router.tsx under `/approvals`. */
export const approvalsRoutes: RouteObject[] = [
  { index: true, element: <ApprovalsPage /> },
  { path: ':approvalId', element: <ApprovalDetailPage /> },
];
