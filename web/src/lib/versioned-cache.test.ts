import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { Page } from '@/lib/page';
import { keepNewer, writeIntoPages, writeNewer } from './versioned-cache';

type Thing = { id: string; version: number; name: string };

const thing = (version: number, name = `v${version}`, id = 't1'): Thing => ({ id, version, name });
const page = (...items: Thing[]): Page<Thing> => ({ items, page: 0, size: 20, total: items.length });
const DETAIL = ['things', 'detail', 't1'];
const LISTS = ['things', 'list'];

describe('the versioned cache', () => {
  it('writes a snapshot unless the cached one is newer', () => {
    const queryClient = new QueryClient();
    writeNewer(queryClient, DETAIL, thing(2));
    writeNewer(queryClient, DETAIL, thing(1));
    expect(queryClient.getQueryData(DETAIL)).toEqual(thing(2));

    writeNewer(queryClient, DETAIL, thing(2, 'the same version again'));
    expect(queryClient.getQueryData<Thing>(DETAIL)?.name).toBe('the same version again');
    writeNewer(queryClient, DETAIL, thing(3));
    expect(queryClient.getQueryData(DETAIL)).toEqual(thing(3));
  });

  it('keeps what an event wrote while an older answer was on its way', async () => {
    const queryClient = new QueryClient();
    let answer = thing(1);
    const read = () =>
      queryClient.fetchQuery({ queryKey: DETAIL, queryFn: () => answer, structuralSharing: keepNewer, staleTime: 0 });

    await read();
    writeNewer(queryClient, DETAIL, thing(2));
    await read();
    expect(queryClient.getQueryData(DETAIL)).toEqual(thing(2));

    answer = thing(3);
    await read();
    expect(queryClient.getQueryData(DETAIL)).toEqual(thing(3));
  });

  it('keeps unchanged data identical, as the default structural sharing does', () => {
    const cached = { id: 't1', version: 4, tags: ['a'] };
    const same = keepNewer(cached, { id: 't1', version: 4, tags: ['a'] });
    expect(same).toBe(cached);
    const changed = keepNewer(cached, { id: 't1', version: 5, tags: ['a'] }) as typeof cached;
    expect(changed.version).toBe(5);
    expect(changed.tags).toBe(cached.tags);
  });

  it('replaces the resource in every cached page that shows it, never with an older snapshot', () => {
    const queryClient = new QueryClient();
    const other = thing(7, 'other', 't2');
    queryClient.setQueryData([...LISTS, { page: 0 }], page(thing(2), other));
    queryClient.setQueryData([...LISTS, { page: 1 }], page(other));

    expect(writeIntoPages(queryClient, LISTS, thing(3))).toBe(true);
    expect(queryClient.getQueryData<Page<Thing>>([...LISTS, { page: 0 }])?.items).toEqual([thing(3), other]);
    expect(queryClient.getQueryData<Page<Thing>>([...LISTS, { page: 1 }])?.items).toEqual([other]);

    expect(writeIntoPages(queryClient, LISTS, thing(1))).toBe(true);
    expect(queryClient.getQueryData<Page<Thing>>([...LISTS, { page: 0 }])?.items[0]).toEqual(thing(3));

    expect(writeIntoPages(queryClient, LISTS, thing(1, 'new', 't3'))).toBe(false);
  });
});
