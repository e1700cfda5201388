import { z } from 'zod';

/** RFC 9457 problem details as the server sends them (`application/problem+json`). */
const problemSchema = z.looseObject({
  type: z.string().optional(),
  title: z.string().optional(),
  status: z.number().optional(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

export type FieldError = { field: string; message: string };

/**
 * Every failed call surfaces as an ApiError: the HTTP status, the contract's stable `code`, a
 * readable message and the field errors of a 400 `validation_failed`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly fieldErrors: FieldError[];
  readonly retryAfterSeconds: number | undefined;
  readonly body: Record<string, unknown>;

  constructor(init: {
    status: number;
    code: string;
    title?: string;
    detail?: string;
    fieldErrors?: FieldError[];
    retryAfterSeconds?: number;
    body?: Record<string, unknown>;
  }) {
    super(init.detail ?? init.title ?? `Request failed (${init.status})`);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title ?? '';
    this.fieldErrors = init.fieldErrors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.body = init.body ?? {};
  }

  /** The first message the server gave for a field, if any. */
  fieldMessage(field: string): string | undefined {
    return this.fieldErrors.find((error) => error.field === field)?.message;
  }
}

/** Client-side codes for failures that never reached a problem document. */
export const CLIENT_ERROR_CODES = {
  network: 'network_error',
  invalidResponse: 'invalid_response',
} as const;

const FALLBACK_CODES: Record<number, string> = {
  400: 'malformed_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
};

/** Turns any non-2xx response into an ApiError, reading the problem document when there is one. */
export async function problemFromResponse(response: Response): Promise<ApiError> {
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  const retryAfterSeconds = Number.isFinite(retryAfter) ? retryAfter : undefined;
  const fallback = {
    status: response.status,
    code: FALLBACK_CODES[response.status] ?? (response.status >= 500 ? 'internal_error' : 'error'),
    title: response.statusText,
    retryAfterSeconds,
  };
  const contentType = response.headers.get('Content-Type') ?? '';
  if (!contentType.includes('json')) {
    return new ApiError(fallback);
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return new ApiError(fallback);
  }
  const parsed = problemSchema.safeParse(json);
  if (!parsed.success) {
    return new ApiError(fallback);
  }
  const problem = parsed.data;
  return new ApiError({
    status: problem.status ?? response.status,
    code: problem.code ?? fallback.code,
    title: problem.title ?? fallback.title,
    ...(problem.detail !== undefined ? { detail: problem.detail } : {}),
    fieldErrors: problem.errors ?? [],
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    body: problem,
  });
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
