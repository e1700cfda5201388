import { isApiError } from '@/lib/problem';

/** The library and answers without running search access: the server's 403 `search_access_required`. */
export function needsSearchAccess(error: unknown): boolean {
  return isApiError(error) && error.status === 403 && error.code === 'search_access_required';
}
