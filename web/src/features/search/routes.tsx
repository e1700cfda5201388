import type { RouteObject } from 'react-router';
import { SearchPage } from './components/search-page';
import './search.css';

/** The pages of this feature, mounted by app/router.tsx under `/search`. */
export const searchRoutes: RouteObject[] = [{ index: true, element: <SearchPage /> }];
