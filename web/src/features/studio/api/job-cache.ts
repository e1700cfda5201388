import type { QueryClient } from '@tanstack/react-query';
import type { Page } from '@/lib/page';
import type { Job } from '../types';
import { jobListsQueryKey } from './get-jobs';
import { jobQueryKey } from './get-job';

function newer(current: Job | undefined, next: Job): boolean {
  return current === undefined || current.version <= next.version;
}

/**
 * Writes a job the server sent (an answer or a `job.*` event) into the cache: its detail, and every
 * cached list page that shows it. A snapshot older than the cached one (events may overtake an
 * answer) changes nothing. A job no cached list knows yet makes the lists load again.
 */
export function writeJob(queryClient: QueryClient, job: Job): void {
  queryClient.setQueryData<Job>(jobQueryKey(job.id), (current) => (newer(current, job) ? job : current));
  let listed = false;
  queryClient.setQueriesData<Page<Job>>({ queryKey: jobListsQueryKey }, (page) => {
    if (!page) return page;
    const index = page.items.findIndex((item) => item.id === job.id);
    if (index < 0) return page;
    listed = true;
    if (!newer(page.items[index], job)) return page;
    const items = page.items.slice();
    items[index] = job;
    return { ...page, items };
  });
  if (!listed) {
    void queryClient.invalidateQueries({ queryKey: jobListsQueryKey });
  }
}
