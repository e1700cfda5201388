import { keepPreviousData, queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { pageSchema, type Page } from '@/lib/page';
import { searchKeys } from './search';
import { uploadDetailSchema, uploadSchema, type Upload, type UploadDetail } from './schemas/search';

/**
 * The customer's private library (docs/api.md "Search"): files they uploaded to be searched and
 * cited. Every call needs running search access — without it the server answers 403
 * `search_access_required`, which the library page turns into the offer of the plan.
 */
export type UploadFilters = { page: number; size: number };

/** The formats the server reads, as the file picker offers them. */
export const UPLOAD_ACCEPT = '.md,.markdown,.txt,.html,.htm,.pdf,text/markdown,text/plain,text/html,application/pdf';
/** 10 MiB: larger files are refused (413) — checked before sending, too. */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

export const uploadKeys = {
  all: ['search-uploads'] as const,
  lists: () => [...uploadKeys.all, 'list'] as const,
  list: (filters: UploadFilters) => [...uploadKeys.lists(), filters] as const,
  detail: (id: string) => [...uploadKeys.all, 'detail', id] as const,
};

const uploadsPageSchema = pageSchema(uploadSchema);

export function getUploads(filters: UploadFilters, signal?: AbortSignal): Promise<Page<Upload>> {
  return api.get('/api/search/uploads', {
    query: { page: filters.page, size: filters.size, sort: 'createdAt,desc' },
    schema: uploadsPageSchema,
    ...(signal ? { signal } : {}),
  });
}

export function getUpload(id: string, signal?: AbortSignal): Promise<UploadDetail> {
  return api.get(`/api/search/uploads/${encodeURIComponent(id)}`, {
    schema: uploadDetailSchema,
    ...(signal ? { signal } : {}),
  });
}

export function createUpload(file: File): Promise<Upload> {
  const body = new FormData();
  body.append('file', file, file.name);
  return api.post('/api/search/uploads', body, { schema: uploadSchema });
}

export function deleteUpload(id: string): Promise<void> {
  return api.delete(`/api/search/uploads/${encodeURIComponent(id)}`);
}

export function getUploadsQueryOptions(filters: UploadFilters) {
  return queryOptions({
    queryKey: uploadKeys.list(filters),
    queryFn: ({ signal }) => getUploads(filters, signal),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function getUploadQueryOptions(id: string) {
  return queryOptions({
    queryKey: uploadKeys.detail(id),
    queryFn: ({ signal }) => getUpload(id, signal),
    retry: false,
  });
}

export function useUploads(filters: UploadFilters) {
  return useQuery(getUploadsQueryOptions(filters));
}

export function useUpload(id: string) {
  return useQuery(getUploadQueryOptions(id));
}

/** After an upload is added or deleted: the lists, and any search that may have found it, are read again. */
export function uploadsChanged(queryClient: QueryClient, deletedId?: string): void {
  if (deletedId) {
    queryClient.removeQueries({ queryKey: uploadKeys.detail(deletedId) });
  }
  void queryClient.invalidateQueries({ queryKey: uploadKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: searchKeys.all });
}
