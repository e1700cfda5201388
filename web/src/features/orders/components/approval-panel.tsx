import { useApproval } from '@/api/approvals';
import type { ApprovalDecision, ApprovalStage } from '@/api/schemas/approval';
import { Alert } from '@/components/ui/alert';
import { Spinner } from '@/components/ui/spinner';
import type { MessageKey } from '@/lib/i18n/catalogue';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import type { Order } from '../types';
import { ReviseRequest } from './revise-request';

const STATUS_KEYS: Partial<Record<string, MessageKey>> = {
  pending: 'orders.approval.status.pending',
  waiting: 'orders.approval.status.waiting',
  approved: 'orders.approval.status.approved',
  rejected: 'orders.approval.status.rejected',
  changes_requested: 'orders.approval.status.changes_requested',
  expired: 'orders.approval.status.expired',
  cancelled: 'orders.approval.status.cancelled',
};

const DECISION_KEYS: Partial<Record<string, MessageKey>> = {
  approve: 'orders.approval.decisions.approve',
  reject: 'orders.approval.decisions.reject',
  request_changes: 'orders.approval.decisions.request_changes',
};

function ApprovalStatus({ status }: { status: string }) {
  const { t } = useI18n();
  const key = STATUS_KEYS[status];
  return <span className={`approval-status approval-status-${status}`}>{key ? t(key) : status}</span>;
}

function Decision({ decision }: { decision: ApprovalDecision }) {
  const { t, dateTime } = useI18n();
  const key = DECISION_KEYS[decision.decision];
  return (
    <li className="approval-decision">
      <p>
        <strong>
          {t('orders.approval.decision', {
            name: decision.approverName,
            decision: key ? t(key) : decision.decision,
          })}
        </strong>{' '}
        <time className="muted" dateTime={decision.at}>
          {dateTime(decision.at)}
        </time>
      </p>
      {decision.comment ? <blockquote className="approval-comment">{decision.comment}</blockquote> : null}
    </li>
  );
}

function Stage({ stage }: { stage: ApprovalStage }) {
  const { t, plural, dateTime } = useI18n();
  return (
    <li className="approval-stage">
      <p className="approval-stage-head">
        <span>{t('orders.approval.stage', { number: stage.index + 1, name: stage.name })}</span>
        <ApprovalStatus status={stage.status} />
      </p>
      <p className="muted approval-stage-meta">
        {stage.approvers.length > 0 ? <span>{plural('orders.approval.approvers', stage.approvers.length)}</span> : null}
        {stage.dueAt && stage.status === 'pending' ? (
          <span>{t('orders.approval.dueAt', { date: dateTime(stage.dueAt) })}</span>
        ) : null}
        {stage.escalated ? <span>{t('orders.approval.escalated')}</span> : null}
      </p>
      {stage.decisions.length > 0 ? (
        <ul className="approval-decisions">
          {stage.decisions.map((decision) => (
            <Decision key={`${decision.approverId}-${decision.at}`} decision={decision} />
          ))}
        </ul>
      ) : stage.status === 'pending' ? (
        <p className="muted">{t('orders.approval.noDecisions')}</p>
      ) : null}
    </li>
  );
}

/** The order's approval request: its stages, who was asked, and each decision with its comment. */
export function ApprovalPanel({ order }: { order: Order }) {
  const { t, number } = useI18n();
  const approval = useApproval(order.approvalId);
  const awaiting = order.status === 'awaiting_approval';
  return (
    <section className="card order-section" aria-labelledby="order-approval-title" data-testid="order-approval">
      <h2 id="order-approval-title">{t('orders.approval.title')}</h2>
      {approval.isPending ? <Spinner label={t('orders.approval.loading')} /> : null}
      {approval.isError ? <Alert tone="error">{errorMessage(approval.error, t)}</Alert> : null}
      {approval.data ? (
        <>
          {awaiting && approval.data.status === 'pending' ? <p>{t('orders.approval.waiting')}</p> : null}
          {approval.data.status === 'changes_requested' ? (
            <Alert tone="info">{t('orders.approval.changesRequested')}</Alert>
          ) : null}
          <dl className="details">
            <dt>{t('orders.status.label')}</dt>
            <dd>
              <ApprovalStatus status={approval.data.status} />
            </dd>
            {approval.data.policyName ? (
              <>
                <dt>{t('orders.approval.policy')}</dt>
                <dd>{approval.data.policyName}</dd>
              </>
            ) : null}
            {approval.data.round > 1 ? (
              <>
                <dt>{t('orders.approval.round')}</dt>
                <dd>{number(approval.data.round)}</dd>
              </>
            ) : null}
          </dl>
          <h3 className="order-subheading">{t('orders.approval.stages')}</h3>
          <ol className="approval-stages">
            {approval.data.stages.map((stage) => (
              <Stage key={stage.index} stage={stage} />
            ))}
          </ol>
          {awaiting && approval.data.status === 'changes_requested' ? <ReviseRequest order={order} /> : null}
        </>
      ) : null}
    </section>
  );
}
