import { Link } from 'react-router';
import { RequestDetails } from '@/components/generation-request/request-details';
import { useI18n } from '@/lib/i18n/i18n-provider';
import type { ApprovalRequest } from '../api/types';
import { requesterLabel, shortId } from './labels';

/** The signed-in user, as far as these views need them. */
export type Me = { id: string; roles: readonly string[] } | undefined;

/**
 * Who asks for what, as `<dt>`/`<dd>` pairs: the product (linked to its catalog page) and quantity,
 * the customer's name and email, and the order — a link for those who may open it (its customer and
 * admins; approvers see the order through the request itself).
 */
export function OrderFacts({ request, me }: { request: ApprovalRequest; me: Me }) {
  const { t, number } = useI18n();
  const order = request.order;
  const canOpenOrder = me !== undefined && (me.id === request.requesterId || me.roles.includes('admin'));
  return (
    <>
      {order ? (
        <>
          <dt>{t('approvals.product')}</dt>
          <dd>
            <Link to={`/catalog/${order.productId}`}>{order.productName}</Link>
          </dd>
          <dt>{t('approvals.quantity')}</dt>
          <dd>{number(order.quantity)}</dd>
        </>
      ) : null}
      <dt>{t('approvals.requester')}</dt>
      <dd className="break" title={request.requesterId}>
        {requesterLabel(request, me?.id, t)}
        {request.requesterEmail ? (
          <>
            {' '}
            <a href={`mailto:${request.requesterEmail}`} className="approval-email">
              {request.requesterEmail}
            </a>
          </>
        ) : null}
      </dd>
      {request.resourceType === 'order' ? (
        <>
          <dt>{t('approvals.order')}</dt>
          <dd>
            {canOpenOrder ? (
              <Link to={`/orders/${request.resourceId}`}>{t('approvals.viewOrder', { id: shortId(request.resourceId) })}</Link>
            ) : (
              <span title={request.resourceId}>{shortId(request.resourceId)}</span>
            )}
          </dd>
        </>
      ) : null}
    </>
  );
}

/** The customer's input of the current round, readable (a generation request field by field, or notes). */
export function RequestedInput({ request, headingLevel }: { request: ApprovalRequest; headingLevel: 'h2' | 'h3' }) {
  const { t } = useI18n();
  const Heading = headingLevel;
  const input = request.order?.input;
  return (
    <section className="approval-input" aria-label={t('approvals.requestedInput')}>
      <Heading className="approval-input-title">{t('approvals.requestedInput')}</Heading>
      {input === null || input === undefined ? (
        <p className="muted">{t('approvals.noInput')}</p>
      ) : (
        <RequestDetails input={input} />
      )}
    </section>
  );
}
