import type { MessageKey } from '@/lib/i18n/catalogue';
import { errorMessage } from '@/lib/i18n/error-message';
import type { Translate } from '@/lib/i18n/i18n-provider';
import { isApiError } from '@/lib/problem';

const BY_CODE: Partial<Record<string, MessageKey>> = {
  self_approval_forbidden: 'approvals.errors.selfApproval',
  already_decided: 'approvals.errors.alreadyDecided',
  invalid_state: 'approvals.errors.invalidState',
  forbidden: 'approvals.errors.forbidden',
};

/** A readable message for a refused decision (403 self_approval_forbidden, 409 already_decided, …). */
export function decisionErrorMessage(error: unknown, t: Translate): string {
  const key = isApiError(error) ? BY_CODE[error.code] : undefined;
  return key ? t(key) : errorMessage(error, t);
}

/** Refusals after which the page should read the request again: someone else changed it. */
export function isStaleDecision(error: unknown): boolean {
  return isApiError(error) && (error.code === 'already_decided' || error.code === 'invalid_state' || error.code === 'forbidden');
}
