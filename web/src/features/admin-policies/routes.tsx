import type { RouteObject } from 'react-router';
import { EditPolicyPage } from './components/edit-policy-page';
import { NewPolicyPage } from './components/new-policy-page';
import { PoliciesPage } from './components/policies-page';
import './admin-policies.css';

/** The pages of this feature, mounted by app/router.tsx under `/admin/policies`. */
export const adminPoliciesRoutes: RouteObject[] = [
  { index: true, element: <PoliciesPage /> },
  { path: 'new', element: <NewPolicyPage /> },
  { path: ':policyId', element: <EditPolicyPage /> },
];
