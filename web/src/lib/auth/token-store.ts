/**
 * Where the refresh token lives. It must read back, in any tab, what the last refresh wrote —
 * which localStorage does not promise: Chrome gives each renderer process its own cached copy and
 * updates it asynchronously, so a tab can read a token another tab has already spent (and the
 * server's reuse detection then ends the session). IndexedDB transactions are committed in the
 * browser process, so a read that starts after a write completed sees it.
 */
export type TokenStore = {
  read(): Promise<string | null>;
  write(token: string | null): Promise<void>;
};

export const REFRESH_TOKEN_KEY = 'miyabi.refreshToken';

/** For tests and browsers without IndexedDB (some private modes). */
export function storageTokenStore(storage: Storage): TokenStore {
  return {
    read: async () => storage.getItem(REFRESH_TOKEN_KEY),
    write: async (token) => {
      if (token === null) {
        storage.removeItem(REFRESH_TOKEN_KEY);
      } else {
        storage.setItem(REFRESH_TOKEN_KEY, token);
      }
    },
  };
}

const DATABASE = 'miyabi';
const STORE = 'session';

export function indexedDbTokenStore(factory: IDBFactory): TokenStore {
  let database: Promise<IDBDatabase> | null = null;

  function open(): Promise<IDBDatabase> {
    database ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(DATABASE, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB cannot be opened'));
    });
    return database;
  }

  async function transact(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest): Promise<unknown> {
    const db = await open();
    return new Promise<unknown>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      // Resolve on commit, not on the request's success: only then do other tabs see a write.
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    });
  }

  return {
    read: async () => {
      const value = await transact('readonly', (store) => store.get(REFRESH_TOKEN_KEY));
      return typeof value === 'string' ? value : null;
    },
    write: async (token) => {
      await transact('readwrite', (store) =>
        token === null ? store.delete(REFRESH_TOKEN_KEY) : store.put(token, REFRESH_TOKEN_KEY),
      );
    },
  };
}

/** IndexedDB where it works, else localStorage. */
export function browserTokenStore(): TokenStore {
  const fallback = storageTokenStore(window.localStorage);
  if (typeof indexedDB === 'undefined') {
    return fallback;
  }
  const preferred = indexedDbTokenStore(indexedDB);
  let usable: Promise<TokenStore> | null = null;
  const choose = () =>
    (usable ??= preferred.read().then(
      () => preferred,
      () => fallback,
    ));
  return {
    read: async () => (await choose()).read(),
    write: async (token) => (await choose()).write(token),
  };
}
