import { useI18n } from '@/lib/i18n/i18n-provider';
import type { ApprovalRequest } from '../api/types';
import { ApprovalFacts } from './approval-facts';
import { OrderFacts, RequestedInput, type Me } from './approval-order';
import { subjectLabel } from './labels';
import { StatusBadge } from './status-badge';

/** What the request is about — product, customer, their input — and where it stands. */
export function ApprovalSummary({ request, me }: { request: ApprovalRequest; me: Me }) {
  const { t, money, dateTime } = useI18n();
  return (
    <section aria-labelledby="summary-heading" className="card approval-summary">
      <h2 id="summary-heading" className="visually-hidden">
        {t('approvals.detail.summary')}
      </h2>
      <div className="approval-summary-head">
        <p className="approval-subject" title={request.resourceId}>
          {request.order?.productName ?? subjectLabel(request, t)}
        </p>
        <StatusBadge status={request.status} />
      </div>
      <p className="price price-large">{money(request.amount)}</p>
      <dl className="details">
        <OrderFacts request={request} me={me} />
        <ApprovalFacts request={request} />
        <dt>{t('approvals.round')}</dt>
        <dd>{request.round}</dd>
        <dt>{t('approvals.requestedAt')}</dt>
        <dd>{dateTime(request.createdAt)}</dd>
        {request.decidedAt ? (
          <>
            <dt>{t('approvals.decidedAt')}</dt>
            <dd>{dateTime(request.decidedAt)}</dd>
          </>
        ) : null}
      </dl>
      <RequestedInput request={request} headingLevel="h3" />
    </section>
  );
}
