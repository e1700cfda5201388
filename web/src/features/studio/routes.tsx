import type { RouteObject } from 'react-router';
import { JobDetailPage } from './components/job-detail-page';
import { StudioPage } from './components/studio-page';
import './studio.css';

/** The pages of this feature, mounted by app/router.tsx under `/studio`. */
export const studioRoutes: RouteObject[] = [
  { index: true, element: <StudioPage /> },
  { path: 'jobs/:jobId', element: <JobDetailPage /> },
];
