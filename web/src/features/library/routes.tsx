import type { RouteObject } from 'react-router';
import { LibraryPage } from './components/library-page';
import { UploadPage } from './components/upload-page';
import './library.css';

/** The pages of this feature, mounted by app/router.tsx under `/library` (signed-in users). */
export const libraryRoutes: RouteObject[] = [
  { index: true, element: <LibraryPage /> },
  { path: 'uploads/:uploadId', element: <UploadPage /> },
];
