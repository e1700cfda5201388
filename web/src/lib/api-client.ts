import type { z } from 'zod';
import { apiOrigin } from '@/lib/api-origin';
import { session as defaultSession, type Session } from '@/lib/auth/session';
import { ApiError, CLIENT_ERROR_CODES, problemFromResponse } from '@/lib/problem';

/**
 * How a call uses the session: `required` sends the bearer token (refreshing it first after a
 * reload), `optional` sends it when signed in (public reads that show more to admins), `none` never.
 */
export type AuthMode = 'required' | 'optional' | 'none';

export type QueryValue = string | number | boolean | null | undefined;

export type RequestOptions<T> = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** Sent as JSON; a FormData is sent as multipart/form-data. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  auth?: AuthMode;
  /** Validates the response body; its output is the result. */
  schema?: z.ZodType<T>;
};

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient(options: { session?: Session; fetch?: typeof fetch; baseUrl?: string } = {}) {
  const session = options.session ?? defaultSession;
  const fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const baseUrl = options.baseUrl ?? apiOrigin();

  function url(path: string, query: Record<string, QueryValue> | undefined): string {
    const search = new URLSearchParams();
    Object.entries(query ?? {}).forEach(([key, value]) => {
      if (value !== undefined && value !== null && value !== '') {
        search.set(key, String(value));
      }
    });
    const qs = search.toString();
    return `${baseUrl}${path}${qs ? `?${qs}` : ''}`;
  }

  async function send(path: string, init: RequestOptions<unknown>, token: string | null): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
    if (token !== null) {
      headers.Authorization = `Bearer ${token}`;
    }
    let body: string | FormData | undefined;
    if (init.body instanceof FormData) {
      // A multipart upload: the browser writes the Content-Type with its boundary.
      body = init.body;
    } else if (init.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(init.body);
    }
    try {
      return await fetchFn(url(path, init.query), {
        method: init.method ?? 'GET',
        headers,
        ...(body !== undefined ? { body } : {}),
        ...(init.signal ? { signal: init.signal } : {}),
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') {
        throw error;
      }
      throw new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network, detail: 'The server cannot be reached' });
    }
  }

  async function tokenFor(auth: AuthMode): Promise<string | null> {
    if (auth === 'none') {
      return null;
    }
    let token: string | null;
    try {
      token = await session.currentAccessToken();
    } catch (error) {
      if (auth === 'optional' && error instanceof ApiError && error.status === 401) {
        return null;
      }
      throw error;
    }
    if (token === null && auth === 'required') {
      // Signed out (perhaps a moment ago, by a refused refresh): the server would only say 401.
      throw new ApiError({ status: 401, code: 'unauthorized', detail: 'Not signed in' });
    }
    return token;
  }

  /** Sends with the session's token, refreshing it once on a 401; any non-2xx becomes an ApiError. */
  async function respond(path: string, init: RequestOptions<unknown>): Promise<Response> {
    const auth = init.auth ?? 'required';
    const token = await tokenFor(auth);
    let response = await send(path, init, token);

    if (response.status === 401 && token !== null) {
      // The access token expired or was revoked: refresh once — unless another request already
      // did while this one was in flight — and repeat the call with the new token.
      const current = session.accessToken();
      const fresh = current !== null && current !== token ? current : await session.refresh();
      response = await send(path, init, fresh);
    }

    if (!response.ok) {
      throw await problemFromResponse(response);
    }
    return response;
  }

  /**
   * A file the API serves (an export, a PDF) as a Blob, fetched with the bearer token like any other
   * call — so no token ever goes into a URL. `accept` names the wanted media type; the file name is
   * the one of `Content-Disposition`, when the server gives one.
   */
  async function file(
    path: string,
    init: Omit<RequestOptions<unknown>, 'method' | 'body' | 'schema'> & { accept: string },
  ): Promise<{ blob: Blob; fileName: string | null; contentType: string }> {
    const { accept, ...rest } = init;
    const response = await respond(path, {
      ...rest,
      method: 'GET',
      headers: { ...rest.headers, Accept: `${accept}, application/problem+json` },
    });
    return {
      blob: await response.blob(),
      fileName: fileNameOf(response.headers.get('Content-Disposition')),
      contentType: response.headers.get('Content-Type') ?? accept,
    };
  }

  async function request<T>(path: string, init: RequestOptions<T> = {}): Promise<T> {
    const response = await respond(path, init);
    if (response.status === 204 || response.headers.get('Content-Length') === '0') {
      return undefined as T;
    }
    const text = await response.text();
    if (text === '' && !init.schema) {
      // An answer without a body (a 202 Accepted) that the caller expects none of.
      return undefined as T;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError({ status: response.status, code: CLIENT_ERROR_CODES.invalidResponse });
    }
    if (!init.schema) {
      return json as T;
    }
    const parsed = init.schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiError({
        status: response.status,
        code: CLIENT_ERROR_CODES.invalidResponse,
        detail: `Unexpected response from ${path}`,
      });
    }
    return parsed.data;
  }

  return {
    request,
    file,
    get: <T>(path: string, init: Omit<RequestOptions<T>, 'method' | 'body'> = {}) => request<T>(path, { ...init, method: 'GET' }),
    post: <T>(path: string, body?: unknown, init: Omit<RequestOptions<T>, 'method' | 'body'> = {}) =>
      request<T>(path, { ...init, method: 'POST', body }),
    put: <T>(path: string, body?: unknown, init: Omit<RequestOptions<T>, 'method' | 'body'> = {}) =>
      request<T>(path, { ...init, method: 'PUT', body }),
    patch: <T>(path: string, body?: unknown, init: Omit<RequestOptions<T>, 'method' | 'body'> = {}) =>
      request<T>(path, { ...init, method: 'PATCH', body }),
    delete: <T>(path: string, init: Omit<RequestOptions<T>, 'method' | 'body'> = {}) =>
      request<T>(path, { ...init, method: 'DELETE' }),
  };
}

/** The file name of a `Content-Disposition` header (RFC 6266: `filename*` first, then `filename`). */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) {
    return null;
  }
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // Fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/.exec(disposition);
  const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim();
  return name || null;
}

/** The one client of the app. */
export const api = createApiClient();
