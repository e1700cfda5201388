import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { currentStageOf, type ApprovalRequest } from '../api/types';
import { categoryLabel, requesterLabel, subjectLabel } from './labels';
import { StatusBadge } from './status-badge';

/** One request in the inbox: what it is about, how much, which policy and stage, and until when. */
export function ApprovalItem({ request, me }: { request: ApprovalRequest; me: string | undefined }) {
  const { t, money, dateTime } = useI18n();
  const stage = currentStageOf(request);
  const subject = subjectLabel(request, t);
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
        <dt>{request.decidedAt ? t('approvals.decidedAt') : t('approvals.requestedAt')}</dt>
        <dd>{dateTime(request.decidedAt ?? request.createdAt)}</dd>
      </dl>
    </li>
  );
}
