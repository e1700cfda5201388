import type { ReactNode } from 'react';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import type { Page } from '@/lib/page';
import { Alert } from './alert';
import { Pagination } from './pagination';
import { Spinner } from './spinner';

/** What ListStates reads of a list query (a TanStack `useQuery` result fits). */
export type ListQuery<T> = { isPending: boolean; isError: boolean; error: unknown; data: Page<T> | undefined };

/**
 * The states of a paged list page: a spinner while the first page loads, the problem's message on
 * failure, `empty` when the page has no items, else the list (`children`) followed by the paging.
 */
export function ListStates<T>({
  query,
  empty,
  onPage,
  children,
}: {
  query: ListQuery<T>;
  empty: ReactNode;
  onPage: (page: number) => void;
  children: (page: Page<T>) => ReactNode;
}) {
  const { t } = useI18n();
  const data = query.data;
  return (
    <>
      {query.isPending ? <Spinner label={t('common.loading')} /> : null}
      {query.isError ? <Alert tone="error">{errorMessage(query.error, t)}</Alert> : null}
      {data && data.items.length === 0 ? empty : null}
      {data && data.items.length > 0 ? (
        <>
          {children(data)}
          <Pagination page={data.page} size={data.size} total={data.total} onPage={onPage} />
        </>
      ) : null}
    </>
  );
}
