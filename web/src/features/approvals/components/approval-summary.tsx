import { useI18n } from '@/lib/i18n/i18n-provider';
import type { ApprovalRequest } from '../api/types';
import { ApprovalFacts } from './approval-facts';
import { subjectLabel } from './labels';
import { StatusBadge } from './status-badge';

/** What the request is about and where it stands, as a definition list. */
export function ApprovalSummary({ request, me }: { request: ApprovalRequest; me: string | undefined }) {
  const { t, money, dateTime } = useI18n();
  return (
    <section aria-labelledby="summary-heading" className="card approval-summary">
      <h2 id="summary-heading" className="visually-hidden">
        {t('approvals.detail.summary')}
      </h2>
      <div className="approval-summary-head">
        <p className="approval-subject" title={request.resourceId}>
          {subjectLabel(request, t)}
        </p>
        <StatusBadge status={request.status} />
      </div>
      <p className="price price-large">{money(request.amount)}</p>
      <dl className="details">
        <ApprovalFacts request={request} me={me} />
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
    </section>
  );
}
