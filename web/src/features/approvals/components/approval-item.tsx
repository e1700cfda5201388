import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n-provider';
import type { ApprovalRequest } from '../api/types';
import { ApprovalFacts } from './approval-facts';
import { OrderFacts, RequestedInput, type Me } from './approval-order';
import { subjectLabel } from './labels';
import { StatusBadge } from './status-badge';

/**
 * One request in the inbox: the product asked for and by whom, how much, the customer's input, which
 * policy and stage, and until when.
 */
export function ApprovalItem({ request, me }: { request: ApprovalRequest; me: Me }) {
  const { t, money, dateTime } = useI18n();
  const subject = request.order?.productName ?? subjectLabel(request, t);
  const amount = money(request.amount);
  return (
    <li className="card approval-item" data-testid={`approval-${request.id}`}>
      <div className="approval-item-head">
        <h2 className="approval-item-title">
          <Link to={`/approvals/${request.id}`} aria-label={t('approvals.openRequest', { subject, amount })}>
            {subject}
          </Link>
        </h2>
        <StatusBadge status={request.status} />
      </div>
      <p className="price">{amount}</p>
      <dl className="details details-compact">
        <OrderFacts request={request} me={me} />
        <ApprovalFacts request={request} />
        <dt>{request.decidedAt ? t('approvals.decidedAt') : t('approvals.requestedAt')}</dt>
        <dd>{dateTime(request.decidedAt ?? request.createdAt)}</dd>
      </dl>
      <RequestedInput request={request} headingLevel="h3" />
    </li>
  );
}
