import type { RouteObject } from 'react-router';
import { lazyPage } from '@/components/ui/lazy-page';
import { StudioPage } from './components/studio-page';
import './studio.css';

// The job page renders Markdown (react-markdown, remark-gfm): loaded when first opened.
const JobDetailPage = lazyPage(() => import('./components/job-detail-page').then((module) => module.JobDetailPage));

/** The pages of this feature, mounted by app/router.tsx under `/studio`. */
export const studioRoutes: RouteObject[] = [
  { index: true, element: <StudioPage /> },
  { path: 'jobs/:jobId', element: <JobDetailPage /> },
];
