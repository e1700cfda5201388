import { isApiError } from '@/lib/problem';
import type { MessageKey } from './catalogue';
import { formatDuration } from './format';
import type { Translate } from './i18n-provider';

const BY_CODE: Partial<Record<string, MessageKey>> = {
  invalid_credentials: 'errors.invalidCredentials',
  email_taken: 'errors.emailTaken',
  network_error: 'errors.network',
  invalid_response: 'errors.invalidResponse',
  forbidden: 'errors.forbidden.body',
  not_found: 'errors.notFound',
  internal_error: 'errors.internal',
  version_conflict: 'errors.versionConflict',
  invalid_state: 'errors.invalidState',
};

/** A readable message in the UI's language for any error; the server's own words otherwise. */
export function errorMessage(error: unknown, t: Translate): string {
  if (!isApiError(error)) {
    return error instanceof Error ? error.message : t('errors.unexpected');
  }
  if (error.code === 'rate_limited') {
    return error.retryAfterSeconds !== undefined
      ? t('errors.rateLimitedFor', { duration: formatDuration(error.retryAfterSeconds, t('common.locale')) })
      : t('errors.rateLimited');
  }
  // The server's sentence names the exact state, but only in English; other languages get the general one.
  if (error.code === 'invalid_state' && t('common.locale') === 'en') {
    return error.message;
  }
  const key = BY_CODE[error.code];
  return key ? t(key) : error.message;
}
