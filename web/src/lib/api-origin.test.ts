import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, sessionBody } from '@/testing/http';
import { createApiClient } from './api-client';
import { apiOrigin, apiUrl, webSocketUrl } from './api-origin';
import { createSession } from './auth/session';
import { storageTokenStore } from './auth/token-store';

const page = (protocol: string, host: string) => ({ protocol, host });

describe('the API origin', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    window.localStorage.clear();
  });

  it('is the page itself by default, so the server-served UI and `npm run dev` work unchanged', () => {
    expect(apiOrigin(undefined)).toBe('');
    expect(apiOrigin('  ')).toBe('');
    expect(apiUrl('/api/products', '')).toBe('/api/products');
    expect(webSocketUrl('', page('http:', 'localhost:5173'))).toBe('ws://localhost:5173/ws');
    expect(webSocketUrl('', page('https:', 'miyabi.example.com'))).toBe('wss://miyabi.example.com/ws');
  });

  it('is the configured origin when the UI is hosted elsewhere, for HTTP and the WebSocket alike', () => {
    const origin = apiOrigin('https://api.example.com/');
    expect(origin).toBe('https://api.example.com');
    expect(apiUrl('/api/auth/refresh', origin)).toBe('https://api.example.com/api/auth/refresh');
    // The page's own scheme and host do not matter any more.
    expect(webSocketUrl(origin, page('https:', 'app.example.com'))).toBe('wss://api.example.com/ws');
    expect(webSocketUrl(apiOrigin('http://localhost:8080'), page('https:', 'app.example.com'))).toBe('ws://localhost:8080/ws');
  });

  it('refuses a value that is not an http(s) origin instead of calling a wrong address', () => {
    expect(() => apiOrigin('api.example.com')).toThrow(/VITE_API_ORIGIN/);
    expect(() => apiOrigin('ftp://api.example.com')).toThrow(/VITE_API_ORIGIN/);
  });

  it('is what the API client, the session refresh and the WebSocket use when set at build time', async () => {
    vi.stubEnv('VITE_API_ORIGIN', 'https://api.example.com');
    const { fetch, calls } = fakeFetch((call) =>
      call.url.endsWith('/api/auth/refresh') ? json(200, sessionBody('access-2', 'refresh-2')) : json(200, { ok: true }),
    );
    const session = createSession({
      tokens: storageTokenStore(window.localStorage),
      signal: window.localStorage,
      tabStorage: undefined,
      locks: undefined,
      fetch,
    });
    await session.establish(sessionBody('access-1', 'refresh-1'));
    const api = createApiClient({ session, fetch });

    await api.get('/api/products', { query: { page: 0 } });
    await session.refresh();

    expect(calls.map((call) => call.url)).toEqual([
      'https://api.example.com/api/products?page=0',
      'https://api.example.com/api/auth/refresh',
    ]);
    expect(webSocketUrl()).toBe('wss://api.example.com/ws');
  });
});
