import { useI18n } from '@/lib/i18n/i18n-provider';
import { currentStageOf, type ApprovalRequest } from '../api/types';
import { categoryLabel, requesterLabel, subjectLabel } from './labels';
import { StatusBadge } from './status-badge';

/** What the request is about and where it stands, as a definition list. */
export function ApprovalSummary({ request, me }: { request: ApprovalRequest; me: string | undefined }) {
  const { t, money, dateTime } = useI18n();
  const stage = currentStageOf(request);
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
        <dt>{t('approvals.category')}</dt>
        <dd>{categoryLabel(request.category, t)}</dd>
        <dt>{t('approvals.policy')}</dt>
        <dd>{request.policyName}</dd>
        <dt>{t('approvals.requester')}</dt>
        <dd title={request.requesterId}>{requesterLabel(request, me, t)}</dd>
        <dt>{t('approvals.currentStage')}</dt>
        <dd>
          {stage
            ? t('approvals.stageOf', { number: stage.index + 1, total: request.stages.length, name: stage.name })
            : t('approvals.noCurrentStage')}
        </dd>
        {stage ? (
          <>
            <dt>{t('approvals.due')}</dt>
            <dd>{stage.dueAt ? dateTime(stage.dueAt) : t('approvals.noDeadline')}</dd>
          </>
        ) : null}
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
