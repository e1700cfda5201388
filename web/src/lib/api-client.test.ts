import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fakeFetch, json, problem, sessionBody, USER, type Call } from '@/testing/http';
import { createApiClient } from './api-client';
import { createSession, SIGNED_IN_KEY, type SessionOptions } from './auth/session';
import { REFRESH_TOKEN_KEY, storageTokenStore } from './auth/token-store';
import { ApiError } from './problem';

/** A session on localStorage only (jsdom has no IndexedDB), without a tab store unless given. */
function testSession(options: SessionOptions = {}) {
  return createSession({
    tokens: storageTokenStore(window.localStorage),
    signal: window.localStorage,
    tabStorage: undefined,
    locks: undefined,
    ...options,
  });
}

/** A client whose server knows one valid access token at a time and rotates refresh tokens. */
function setup(options: { refresh?: (call: Call) => Response | Promise<Response> } = {}) {
  let valid = 'access-1';
  let refreshes = 0;
  const { fetch, calls } = fakeFetch(async (call) => {
    if (call.url === '/api/auth/refresh') {
      refreshes += 1;
      if (options.refresh) {
        return options.refresh(call);
      }
      valid = `access-${refreshes + 1}`;
      return json(200, sessionBody(valid, `refresh-${refreshes + 1}`));
    }
    if (call.headers.authorization !== `Bearer ${valid}`) {
      return problem(401, 'unauthorized', 'A valid access token is required');
    }
    return json(200, { ok: true, token: valid });
  });
  const session = testSession({ fetch });
  const api = createApiClient({ session, fetch });
  return {
    api,
    session,
    calls,
    refreshes: () => refreshes,
    expire: () => {
      valid = 'rotated-server-side';
    },
    setValid: (token: string) => {
      valid = token;
    },
  };
}

describe('the API client', () => {
  it('sends the bearer token of the session', async () => {
    const { api, session, calls } = setup();
    await session.establish({ accessToken: 'access-1', refreshToken: 'refresh-1' });

    await expect(api.get('/api/things')).resolves.toEqual({ ok: true, token: 'access-1' });

    expect(calls[0]?.headers.authorization).toBe('Bearer access-1');
  });

  it('refreshes an expired token once and repeats the call with the new one', async () => {
    const { api, session, calls, refreshes, expire } = setup();
    await session.establish({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    expire();
    // The server's next valid token is the one the refresh hands out.
    const result = await api.get<{ token: string }>('/api/things').catch((error: unknown) => error);

    expect(refreshes()).toBe(1);
    expect(calls.map((call) => call.url)).toEqual(['/api/things', '/api/auth/refresh', '/api/things']);
    expect(calls[1]?.body).toEqual({ refreshToken: 'refresh-1' });
    expect(calls[2]?.headers.authorization).toBe('Bearer access-2');
    expect(result).toEqual({ ok: true, token: 'access-2' });
    expect(window.localStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-2');
  });

  it('shares one refresh among concurrent calls that all got 401', async () => {
    const { api, session, refreshes, expire, calls } = setup();
    await session.establish({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    expire();

    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => api.get<{ token: string }>(`/api/things/${n}`)));

    expect(refreshes()).toBe(1);
    expect(results.every((result) => result.token === 'access-2')).toBe(true);
    expect(calls.filter((call) => call.url === '/api/auth/refresh')).toHaveLength(1);
    expect(calls.filter((call) => call.headers.authorization === 'Bearer access-2')).toHaveLength(5);
  });

  it('signs out when the refresh is refused, and says so', async () => {
    const { api, session, expire } = setup({
      refresh: () => problem(401, 'unauthorized', 'The session has ended'),
    });
    await session.establish({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    const changes: boolean[] = [];
    session.subscribe(() => changes.push(session.isSignedIn()));
    expire();

    const error = await api.get('/api/things').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(session.isSignedIn()).toBe(false);
    expect(session.accessToken()).toBeNull();
    expect(window.localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
    expect(changes).toContain(false);
  });

  it('does not refresh twice when the repeated call is refused as well', async () => {
    const { api, session, refreshes, calls } = setup({
      refresh: () => json(200, sessionBody('access-still-refused', 'refresh-2')),
    });
    await session.establish({ accessToken: 'access-0', refreshToken: 'refresh-1' });

    const error = await api.get('/api/things').catch((caught: unknown) => caught);

    expect((error as ApiError).code).toBe('unauthorized');
    expect(refreshes()).toBe(1);
    expect(calls).toHaveLength(3);
  });

  it('keeps the session when the refresh fails for lack of network', async () => {
    const { api, session, expire } = setup({
      refresh: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    await session.establish({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    expire();

    const error = await api.get('/api/things').catch((caught: unknown) => caught);

    expect((error as ApiError).code).toBe('network_error');
    expect(session.isSignedIn()).toBe(true);
    expect(window.localStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-1');
  });

  it('after a reload, gets an access token from the stored refresh token before the first call', async () => {
    window.localStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-1');
    window.localStorage.setItem(SIGNED_IN_KEY, '1');
    const { api, calls, session, setValid } = setup();
    setValid('access-2');

    await api.get('/api/things');

    expect(session.isSignedIn()).toBe(true);
    expect(calls.map((call) => call.url)).toEqual(['/api/auth/refresh', '/api/things']);
    expect(calls[1]?.headers.authorization).toBe('Bearer access-2');
  });

  it('sends a FormData body as multipart, leaving its Content-Type to the browser, and JSON otherwise', async () => {
    const bodies: { contentType: string | null; body: unknown }[] = [];
    const fetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      bodies.push({ contentType: new Headers(init?.headers).get('Content-Type'), body: init?.body });
      return new Response(null, { status: 204 });
    }) as typeof globalThis.fetch;
    const api = createApiClient({ session: testSession({ fetch }), fetch });
    const form = new FormData();
    form.append('file', new File(['# Notes'], 'notes.md', { type: 'text/markdown' }));

    await api.post('/api/search/uploads', form, { auth: 'none' });
    await api.post('/api/search/answers', { question: 'Why?' }, { auth: 'none' });

    expect(bodies[0]).toEqual({ contentType: null, body: form });
    expect(bodies[1]).toEqual({ contentType: 'application/json', body: '{"question":"Why?"}' });
  });

  it('sends no token on public calls when signed out', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { items: [] }));
    const api = createApiClient({ session: testSession({ fetch }), fetch });

    await api.get('/api/products', { auth: 'optional', query: { q: ' ', page: 0, category: undefined } });

    expect(calls[0]?.headers.authorization).toBeUndefined();
    expect(calls[0]?.url).toBe('/api/products?q=+&page=0');
  });

  it('sends no call that needs a session when signed out: it is refused at once', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { items: [] }));
    const api = createApiClient({ session: testSession({ fetch }), fetch });

    const error = await api.get('/api/orders').catch((caught: unknown) => caught);

    expect((error as ApiError).status).toBe(401);
    expect(calls).toHaveLength(0);
  });

  it('turns a problem answer into an ApiError with its field errors', async () => {
    const { fetch } = fakeFetch(() =>
      problem(400, 'validation_failed', 'The request has invalid fields', {
        errors: [{ field: 'email', message: 'must be a valid email address' }],
      }),
    );
    const api = createApiClient({ session: testSession({ fetch }), fetch });

    const error = (await api.post('/api/auth/register', {}, { auth: 'none' }).catch((caught: unknown) => caught)) as ApiError;

    expect(error.code).toBe('validation_failed');
    expect(error.fieldMessage('email')).toBe('must be a valid email address');
  });

  it('refuses an answer that does not match its schema', async () => {
    const { fetch } = fakeFetch(() => json(200, { ...USER, roles: 'admin' }));
    const api = createApiClient({ session: testSession({ fetch }), fetch });

    const error = await api
      .get('/api/auth/me', { auth: 'none', schema: z.object({ roles: z.array(z.string()) }) })
      .catch((caught: unknown) => caught);

    expect((error as ApiError).code).toBe('invalid_response');
  });
});

describe('the session', () => {
  it("reuses the tab's access token after a reload while it is fresh, and refreshes once it is not", async () => {
    let clock = 1_000_000;
    const { fetch, calls } = fakeFetch(() => json(200, sessionBody('access-2', 'refresh-2')));
    const tab = window.sessionStorage;
    const first = testSession({ fetch, tabStorage: tab, now: () => clock });
    await first.establish({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresIn: 900 });

    const reloaded = testSession({ fetch, tabStorage: tab, now: () => clock });
    await expect(reloaded.currentAccessToken()).resolves.toBe('access-1');
    expect(calls).toHaveLength(0);

    clock += 880_000; // within 30 s of expiry
    const later = testSession({ fetch, tabStorage: tab, now: () => clock });
    await expect(later.currentAccessToken()).resolves.toBe('access-2');
    expect(calls.map((call) => call.body)).toEqual([{ refreshToken: 'refresh-1' }]);
  });

  it('serialises refreshes through the lock so tabs never present a spent token', async () => {
    const held: string[] = [];
    const locks = {
      request: async (name: string, callback: () => Promise<unknown>) => {
        held.push(name);
        return callback();
      },
    } as unknown as Pick<LockManager, 'request'>;
    const { fetch, calls } = fakeFetch(() => json(200, sessionBody('access-2', 'refresh-2')));
    const session = testSession({ fetch, locks });
    await session.establish({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    // Another tab rotated the token meanwhile: the refresh reads the newest one inside the lock.
    window.localStorage.setItem(REFRESH_TOKEN_KEY, 'refresh-from-other-tab');

    await session.refresh();

    expect(held).toEqual(['miyabi.session.refresh']);
    expect(calls[0]?.body).toEqual({ refreshToken: 'refresh-from-other-tab' });
  });

  it('signs this tab out when another tab signs out', () => {
    const listeners: ((event: StorageEvent) => void)[] = [];
    const fakeWindow = {
      addEventListener: (_type: string, listener: (event: StorageEvent) => void) => listeners.push(listener),
    } as unknown as Pick<Window, 'addEventListener'>;
    const session = testSession({ window: fakeWindow });
    void session.establish({ accessToken: 'access-1', refreshToken: 'refresh-1' });

    window.localStorage.removeItem(SIGNED_IN_KEY);
    listeners.forEach((listener) => listener(new StorageEvent('storage', { key: SIGNED_IN_KEY, oldValue: '1', newValue: null })));

    expect(session.isSignedIn()).toBe(false);
    expect(session.accessToken()).toBeNull();
  });
});
