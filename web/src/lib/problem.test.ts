import { describe, expect, it } from 'vitest';
import { problem } from '@/testing/http';
import { problemFromResponse } from './problem';

describe('problemFromResponse', () => {
  it('reads the code, the detail and the field errors of a problem document', async () => {
    const error = await problemFromResponse(
      problem(400, 'validation_failed', 'The request has invalid fields', {
        errors: [
          { field: 'password', message: 'size must be between 8 and 128' },
          { field: 'email', message: 'must be a valid email address' },
        ],
      }),
    );

    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe('The request has invalid fields');
    expect(error.fieldErrors).toHaveLength(2);
    expect(error.fieldMessage('password')).toBe('size must be between 8 and 128');
    expect(error.fieldMessage('name')).toBeUndefined();
  });

  it('keeps Retry-After of a throttled call', async () => {
    const error = await problemFromResponse(
      problem(429, 'rate_limited', 'Too many failed sign-ins', {}, { 'Retry-After': '42' }),
    );

    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterSeconds).toBe(42);
  });

  it('gives a non-JSON failure (a proxy page) a code from its status', async () => {
    const error = await problemFromResponse(
      new Response('<html>Bad gateway</html>', {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'Content-Type': 'text/html' },
      }),
    );

    expect(error.status).toBe(502);
    expect(error.code).toBe('internal_error');
    expect(error.fieldErrors).toEqual([]);
  });

  it('survives a body that claims JSON but is not', async () => {
    const error = await problemFromResponse(
      new Response('{"broken', { status: 404, headers: { 'Content-Type': 'application/problem+json' } }),
    );

    expect(error.code).toBe('not_found');
  });
});
