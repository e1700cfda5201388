import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '@/lib/api-client';
import { createSession, SIGNED_IN_KEY } from '@/lib/auth/session';
import { REFRESH_TOKEN_KEY, storageTokenStore } from '@/lib/auth/token-store';
import { fakeFetch, json, problem } from '@/testing/http';
import { forgetSessionData } from './provider';

describe('the end of a session', () => {
  it('lets a public page that found the refresh token revoked load signed out, without a second try', async () => {
    // A new tab: "signed in" according to the marker, no access token, a revoked refresh token.
    window.localStorage.setItem(SIGNED_IN_KEY, '1');
    window.localStorage.setItem(REFRESH_TOKEN_KEY, 'revoked');
    const { fetch, calls } = fakeFetch((call) =>
      call.url === '/api/auth/refresh'
        ? problem(401, 'unauthorized', 'The session has ended')
        : json(200, { items: ['a product'], signedIn: call.headers.authorization !== undefined }),
    );
    const session = createSession({
      tokens: storageTokenStore(window.localStorage),
      signal: window.localStorage,
      tabStorage: undefined,
      locks: undefined,
      fetch,
    });
    const api = createApiClient({ session, fetch });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    session.subscribe(() => {
      if (!session.isSignedIn()) {
        forgetSessionData(queryClient);
      }
    });
    const catalog = new QueryObserver(queryClient, {
      queryKey: ['products'],
      queryFn: () => api.get('/api/products', { auth: 'optional' }),
    });
    const unsubscribe = catalog.subscribe(() => undefined);

    await expect.poll(() => catalog.getCurrentResult().status).toBe('success');

    expect(catalog.getCurrentResult().data).toEqual({ items: ['a product'], signedIn: false });
    expect(session.isSignedIn()).toBe(false);
    expect(calls.filter((call) => call.url === '/api/auth/refresh')).toHaveLength(1);
    unsubscribe();
  });

  it('forgets what the signed-in user had read', async () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(['orders'], { items: ['a private order'] });

    forgetSessionData(queryClient);

    expect(queryClient.getQueryData(['orders'])).toBeUndefined();
  });
});
