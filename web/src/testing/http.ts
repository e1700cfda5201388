import { vi } from 'vitest';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export function problem(
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return new Response(
    JSON.stringify({ type: `urn:problem-type:miyabi:${code}`, title: 'Error', status, detail, code, ...extra }),
    { status, headers: { 'Content-Type': 'application/problem+json', ...headers } },
  );
}

export type Call = { url: string; method: string; headers: Record<string, string>; body: unknown };

/** A fetch double that records every call and answers through `handler`. */
export function fakeFetch(handler: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const call: Call = {
      url: input instanceof Request ? input.url : String(input),
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    return handler(call);
  });
  return { fetch: fn as unknown as typeof fetch, calls };
}

export const USER = {
  id: '5f0c8a5e-2f6b-4c3e-9a51-0d8c7d1e2f3a',
  email: 'hana@example.test',
  name: 'Hana',
  roles: ['customer'],
  createdAt: '2026-11-26T07:00:00Z',
};

export function sessionBody(accessToken: string, refreshToken: string) {
  return { user: USER, accessToken, refreshToken, expiresIn: 900, tokenType: 'Bearer' };
}
