import { apiUrl } from '@/lib/api-origin';
import { ApiError, CLIENT_ERROR_CODES, problemFromResponse } from '@/lib/problem';
import { browserTokenStore, type TokenStore } from './token-store';
import { sessionResponseSchema, type SessionResponse } from './user';

/**
 * The tokens of the signed-in user.
 *
 * - The refresh token is shared by the tabs of the browser (IndexedDB, see token-store.ts), so a
 *   reload or a new tab stays signed in. Each refresh spends it and stores the next one
 *   (rotation); the server revokes the whole session when a spent token is presented again (reuse
 *   detection), so a stolen copy dies at the first use by either party. Refreshes are serialised
 *   across tabs with the Web Locks API, and each reads the newest token inside the lock, so no tab
 *   ever presents a token another tab has spent.
 * - The access token (15 minutes) belongs to the tab: memory, plus sessionStorage so a reload
 *   within its lifetime needs no refresh.
 * - A marker in localStorage says "signed in" synchronously (for the first render) and, through
 *   the `storage` event, signs the other tabs out when one signs out.
 */
export type Session = ReturnType<typeof createSession>;

type Listener = () => void;

export type SessionOptions = {
  tokens?: TokenStore;
  /** Shared by the tabs: holds the signed-in marker. */
  signal?: Storage;
  /** This tab's: holds its access token. */
  tabStorage?: Storage | undefined;
  fetch?: typeof fetch;
  locks?: Pick<LockManager, 'request'> | undefined;
  refreshUrl?: string;
  window?: Pick<Window, 'addEventListener'> | undefined;
  now?: () => number;
};

export const SIGNED_IN_KEY = 'miyabi.signedIn';
const ACCESS_TOKEN_KEY = 'miyabi.accessToken';
const LOCK_NAME = 'miyabi.session.refresh';
/** An access token this close to its expiry is not used any more. */
const EXPIRY_MARGIN_MS = 30_000;

type AccessToken = { token: string; expiresAt: number };

export function createSession(options: SessionOptions = {}) {
  const signal = options.signal ?? window.localStorage;
  const tokens = options.tokens ?? browserTokenStore();
  const tabStorage = 'tabStorage' in options ? options.tabStorage : window.sessionStorage;
  const fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const locks = 'locks' in options ? options.locks : globalThis.navigator?.locks;
  const refreshUrl = options.refreshUrl ?? apiUrl('/api/auth/refresh');
  const now = options.now ?? Date.now;
  const listeners = new Set<Listener>();
  let access: AccessToken | null = readTabToken();
  let inflight: Promise<string> | null = null;
  let pendingWrite: Promise<void> = Promise.resolve();
  let signedIn = readMarker();

  function readMarker(): boolean {
    try {
      return signal.getItem(SIGNED_IN_KEY) !== null;
    } catch {
      return false;
    }
  }

  function readTabToken(): AccessToken | null {
    try {
      const saved = JSON.parse(tabStorage?.getItem(ACCESS_TOKEN_KEY) ?? 'null') as AccessToken | null;
      return saved && typeof saved.token === 'string' && typeof saved.expiresAt === 'number' ? saved : null;
    } catch {
      return null;
    }
  }

  function setAccess(next: AccessToken | null): void {
    access = next;
    try {
      if (next === null) {
        tabStorage?.removeItem(ACCESS_TOKEN_KEY);
      } else {
        tabStorage?.setItem(ACCESS_TOKEN_KEY, JSON.stringify(next));
      }
    } catch {
      // Not kept across reloads; the next load refreshes.
    }
  }

  function notify(): void {
    signedIn = readMarker();
    listeners.forEach((listener) => listener());
  }

  function validAccessToken(): string | null {
    return access !== null && access.expiresAt - EXPIRY_MARGIN_MS > now() ? access.token : null;
  }

  /** Starts a session from a sign-in, sign-up or refresh answer; resolves once the token is stored. */
  function establish(response: Pick<SessionResponse, 'accessToken' | 'refreshToken'> & { expiresIn?: number }): Promise<void> {
    setAccess({ token: response.accessToken, expiresAt: now() + (response.expiresIn ?? 900) * 1000 });
    const write = pendingWrite.then(() => tokens.write(response.refreshToken));
    pendingWrite = write.catch(() => undefined);
    signal.setItem(SIGNED_IN_KEY, '1');
    notify();
    return write;
  }

  /** Ends the session in this browser (all tabs); resolves once the token is gone. */
  function clear(): Promise<void> {
    setAccess(null);
    const write = pendingWrite.then(() => tokens.write(null));
    pendingWrite = write.catch(() => undefined);
    signal.removeItem(SIGNED_IN_KEY);
    notify();
    return write;
  }

  async function exchange(): Promise<string> {
    await pendingWrite;
    const refreshToken = await tokens.read();
    if (refreshToken === null) {
      await clear();
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
        await clear();
      }
      throw error;
    }
    const parsed = sessionResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) {
      throw new ApiError({ status: response.status, code: CLIENT_ERROR_CODES.invalidResponse });
    }
    // Stored before the lock is released, so the next tab reads this token, not the spent one.
    await establish(parsed.data);
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
    if (event.key === SIGNED_IN_KEY || event.key === null) {
      if (event.newValue === null) {
        setAccess(null);
      }
      notify();
    }
  });

  return {
    /** The access token in use, if any (possibly expired: the server decides). */
    accessToken: (): string | null => access?.token ?? null,
    refreshToken: (): Promise<string | null> => pendingWrite.then(() => tokens.read()),
    isSignedIn: (): boolean => signedIn,
    establish,
    clear,
    refresh,
    /** A usable access token: this tab's while it is fresh, else a refreshed one; null when signed out. */
    async currentAccessToken(): Promise<string | null> {
      const valid = validAccessToken();
      if (valid !== null) {
        return valid;
      }
      return readMarker() ? refresh() : null;
    },
    subscribe: (listener: Listener): (() => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const session = createSession({ window: typeof window === 'undefined' ? undefined : window });
