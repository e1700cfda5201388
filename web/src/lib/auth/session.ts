import { ApiError, CLIENT_ERROR_CODES, problemFromResponse } from '@/lib/problem';
import { sessionResponseSchema, type SessionResponse } from './user';

/**
 * The tokens of the signed-in user.
 *
 * - The access token (15 minutes) lives in memory only.
 * - The refresh token lives in localStorage, so a reload or a new tab keeps the session. Each
 *   refresh spends it and stores the next one (rotation); the server revokes the whole session
 *   when a spent token is presented again (reuse detection), so a stolen copy dies at the first
 *   use by either party. Tabs share the token, so refreshes are serialised across tabs with the
 *   Web Locks API: each one reads the newest token inside the lock and never presents a spent one.
 * - Signing out in one tab removes the token, and the `storage` event signs out the others.
 */
export type Session = ReturnType<typeof createSession>;

type Listener = () => void;

export type SessionOptions = {
  storage?: Storage;
  fetch?: typeof fetch;
  locks?: Pick<LockManager, 'request'> | undefined;
  refreshUrl?: string;
  window?: Pick<Window, 'addEventListener'> | undefined;
};

export const REFRESH_TOKEN_KEY = 'miyabi.refreshToken';
const LOCK_NAME = 'miyabi.session.refresh';

export function createSession(options: SessionOptions = {}) {
  const storage = options.storage ?? window.localStorage;
  const fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const locks = 'locks' in options ? options.locks : globalThis.navigator?.locks;
  const refreshUrl = options.refreshUrl ?? '/api/auth/refresh';
  const listeners = new Set<Listener>();
  let accessToken: string | null = null;
  let inflight: Promise<string> | null = null;
  let signedIn = readRefreshToken() !== null;

  function readRefreshToken(): string | null {
    try {
      return storage.getItem(REFRESH_TOKEN_KEY);
    } catch {
      return null;
    }
  }

  function notify(): void {
    const next = readRefreshToken() !== null;
    signedIn = next;
    listeners.forEach((listener) => listener());
  }

  function establish(response: Pick<SessionResponse, 'accessToken' | 'refreshToken'>): void {
    accessToken = response.accessToken;
    storage.setItem(REFRESH_TOKEN_KEY, response.refreshToken);
    notify();
  }

  function clear(): void {
    accessToken = null;
    storage.removeItem(REFRESH_TOKEN_KEY);
    notify();
  }

  async function exchange(): Promise<string> {
    const refreshToken = readRefreshToken();
    if (refreshToken === null) {
      accessToken = null;
      notify();
      throw new ApiError({ status: 401, code: 'unauthorized', detail: 'Not signed in' });
    }
    let response: Response;
    try {
      response = await fetchFn(refreshUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
    } catch {
      // Offline is no reason to forget the session: keep the token for the next try.
      throw new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network, detail: 'The server cannot be reached' });
    }
    if (!response.ok) {
      const error = await problemFromResponse(response);
      if (error.status === 400 || error.status === 401) {
        // Spent, revoked or expired: the session is over.
        if (readRefreshToken() === refreshToken) {
          clear();
        } else {
          accessToken = null;
          notify();
        }
      }
      throw error;
    }
    const parsed = sessionResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) {
      throw new ApiError({ status: response.status, code: CLIENT_ERROR_CODES.invalidResponse });
    }
    establish(parsed.data);
    return parsed.data.accessToken;
  }

  function refresh(): Promise<string> {
    // Concurrent callers (several requests answered 401 at once) share one refresh.
    if (inflight === null) {
      const run: Promise<string> = locks ? (locks.request(LOCK_NAME, exchange) as unknown as Promise<string>) : exchange();
      inflight = run.finally(() => {
        inflight = null;
      });
    }
    return inflight;
  }

  options.window?.addEventListener('storage', (event) => {
    if (event.key === REFRESH_TOKEN_KEY || event.key === null) {
      if (event.newValue === null) {
        accessToken = null;
      }
      notify();
    }
  });

  return {
    accessToken: (): string | null => accessToken,
    hasRefreshToken: (): boolean => readRefreshToken() !== null,
    refreshToken: readRefreshToken,
    isSignedIn: (): boolean => signedIn,
    establish,
    clear,
    refresh,
    /** A valid-looking access token: the one in memory, or a refreshed one after a reload. */
    async currentAccessToken(): Promise<string | null> {
      if (accessToken !== null) {
        return accessToken;
      }
      return readRefreshToken() === null ? null : refresh();
    },
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const session = createSession({ window: typeof window === 'undefined' ? undefined : window });
