/**
 * Where the API lives. `VITE_API_ORIGIN` (read at build time) is empty by default: the API is the
 * origin that served the UI, as when the server serves it or `npm run dev` proxies to it. A UI hosted
 * elsewhere (Vercel, see web/vercel.json) is built with the API's origin, e.g.
 * `VITE_API_ORIGIN=https://api.example.com`, and the server allows the UI's origin in
 * `MIYABI_CORS_ALLOWED_ORIGINS` (for its HTTP API and the `/ws` handshake alike).
 */
export function apiOrigin(configured: string | undefined = import.meta.env.VITE_API_ORIGIN): string {
  const value = configured?.trim() ?? '';
  if (value === '') {
    return '';
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`VITE_API_ORIGIN must be an http(s) origin such as https://api.example.com, not "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`VITE_API_ORIGIN must be an http(s) origin such as https://api.example.com, not "${value}"`);
  }
  return url.origin;
}

/** The URL of an API path (`/api/…`) on the API's origin. */
export function apiUrl(path: string, origin: string = apiOrigin()): string {
  return `${origin}${path}`;
}

/** The `/ws` URL: on the API's origin, else on the page's own host; `wss` for https. */
export function webSocketUrl(origin: string = apiOrigin(), page: Pick<Location, 'protocol' | 'host'> = window.location): string {
  const target = origin === '' ? page : new URL(origin);
  const scheme = target.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${target.host}/ws`;
}
