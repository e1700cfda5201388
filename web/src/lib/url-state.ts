import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

export type UpdateUrlParams = (changes: Record<string, string | undefined>) => void;

/**
 * A list page's filters, sorting and page kept in the URL, so a link or a reload reproduces the view.
 * `update` sets the given parameters (an empty or undefined value removes one) and replaces the
 * history entry instead of adding one per keystroke. Only a change of page scrolls back to the top.
 */
export function useUrlParams(): [URLSearchParams, UpdateUrlParams] {
  const [params, setParams] = useSearchParams();
  function update(changes: Record<string, string | undefined>) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        Object.entries(changes).forEach(([key, value]) => (value ? next.set(key, value) : next.delete(key)));
        return next;
      },
      // Another page of the list starts at its top; a filter changed at the top keeps the scroll.
      { replace: true, preventScrollReset: !Object.keys(changes).every((key) => key === 'page') },
    );
  }
  return [params, update];
}

/**
 * A search box bound to the URL's `q`: what is typed is written to the URL (back to the first page)
 * once typing pauses for `delayMs`. Only typing starts a search; the URL's own changes do not.
 */
export function useUrlSearch(q: string, update: UpdateUrlParams, delayMs = 300): [string, (value: string) => void] {
  const [search, setSearch] = useState(q);
  useEffect(() => {
    if (search.trim() === q) {
      return undefined;
    }
    const timer = setTimeout(() => update({ q: search.trim() || undefined, page: undefined }), delayMs);
    return () => clearTimeout(timer);
    // Only typing starts a search: a new `q` from the URL (back, a link) must not write it back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);
  return [search, setSearch];
}
