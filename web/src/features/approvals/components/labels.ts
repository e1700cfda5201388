import { isCategory } from '@/api/schemas/product';
import type { Translate } from '@/lib/i18n/i18n-provider';
import type { ApprovalRequest } from '../api/types';

/** An id short enough to read and compare (the full one is in the element's title). */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** "Order 1a2b3c4d": what the request is about. */
export function subjectLabel(request: Pick<ApprovalRequest, 'resourceType' | 'resourceId'>, t: Translate): string {
  const type = request.resourceType === 'order' ? t('approvals.subjectType.order') : request.resourceType;
  return t('approvals.subject', { type, id: shortId(request.resourceId) });
}

export function categoryLabel(category: string | null, t: Translate): string {
  if (category === null) {
    return t('approvals.anyCategory');
  }
  return isCategory(category) ? t(`catalog.categories.${category}`) : category;
}

/** Who asked: "You", their name, or (for an account without one) the customer's short id. */
export function requesterLabel(
  request: Pick<ApprovalRequest, 'requesterId' | 'requesterName'>,
  me: string | undefined,
  t: Translate,
): string {
  if (request.requesterId === me) {
    return t('approvals.requesterYou');
  }
  return request.requesterName ?? t('approvals.requesterUser', { id: shortId(request.requesterId) });
}

export function roleLabel(role: string, t: Translate): string {
  return role === 'approver' || role === 'admin' || role === 'customer' ? t(`roles.${role}`) : role;
}
