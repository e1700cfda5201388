import { describe, expect, it } from 'vitest';
import { fakeFetch, json, problem, sessionBody } from '@/testing/http';
import { createApiClient, fileNameOf } from './api-client';
import { createSession } from './auth/session';
import { storageTokenStore } from './auth/token-store';
import { ApiError } from './problem';

function setup(answer: () => Response) {
  let valid = 'access-1';
  const { fetch, calls } = fakeFetch(async (call) => {
    if (call.url === '/api/auth/refresh') {
      valid = 'access-2';
      return json(200, sessionBody('access-2', 'refresh-2'));
    }
    if (call.headers.authorization !== `Bearer ${valid}`) {
      return problem(401, 'unauthorized', 'A valid access token is required');
    }
    return answer();
  });
  const session = createSession({
    tokens: storageTokenStore(window.localStorage),
    signal: window.localStorage,
    tabStorage: undefined,
    locks: undefined,
    fetch,
  });
  void session.establish({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  return {
    api: createApiClient({ session, fetch }),
    calls,
    expire: () => {
      valid = 'rotated';
    },
  };
}

describe('files through the API client', () => {
  it('fetches a file with the bearer token in the header, never in the URL, and names it', async () => {
    const { api, calls } = setup(
      () =>
        new Response('# Course', {
          status: 200,
          headers: {
            'Content-Type': 'text/markdown; charset=UTF-8',
            'Content-Disposition': 'inline; filename="cloud-course.md"',
          },
        }),
    );

    const file = await api.file('/api/ai/jobs/42/result', { query: { format: 'markdown' }, accept: 'text/markdown' });

    expect(await file.blob.text()).toBe('# Course');
    expect(file.fileName).toBe('cloud-course.md');
    expect(file.contentType).toBe('text/markdown; charset=UTF-8');
    expect(calls[0]?.url).toBe('/api/ai/jobs/42/result?format=markdown');
    expect(calls[0]?.headers.authorization).toBe('Bearer access-1');
    expect(calls[0]?.headers.accept).toBe('text/markdown, application/problem+json');
  });

  it('refreshes an expired token once, as for JSON calls', async () => {
    const { api, calls, expire } = setup(
      () => new Response('%PDF-1.7', { status: 200, headers: { 'Content-Type': 'application/pdf' } }),
    );
    expire();

    const file = await api.file('/api/ai/jobs/42/result', { query: { format: 'pdf' }, accept: 'application/pdf' });

    expect(await file.blob.text()).toBe('%PDF-1.7');
    expect(file.fileName).toBeNull();
    expect(calls.map((call) => call.url)).toEqual([
      '/api/ai/jobs/42/result?format=pdf',
      '/api/auth/refresh',
      '/api/ai/jobs/42/result?format=pdf',
    ]);
  });

  it('turns a problem into an ApiError', async () => {
    const { api } = setup(() => problem(409, 'job_not_completed', 'The job is running'));

    const error = await api.file('/api/ai/jobs/42/result', { accept: 'text/html' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('job_not_completed');
  });

  it('reads file names of Content-Disposition', () => {
    expect(fileNameOf('attachment; filename="a-course.pdf"')).toBe('a-course.pdf');
    expect(fileNameOf('attachment; filename="x.pdf"; filename*=UTF-8\'\'%E3%82%AF%E3%83%A9%E3%82%A6%E3%83%89.pdf')).toBe(
      'クラウド.pdf',
    );
    expect(fileNameOf('inline; filename=plain.md')).toBe('plain.md');
    expect(fileNameOf('inline')).toBeNull();
    expect(fileNameOf(null)).toBeNull();
  });
});
