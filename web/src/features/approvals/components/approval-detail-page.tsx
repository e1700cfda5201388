import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useApproval } from '@/api/approvals';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { Page } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import { useUser } from '@/lib/auth/get-me';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { isApiError } from '@/lib/problem';
import { useApprovalEvents } from '../api/approval-events';
import type { Decision } from '../api/decide';
import { canDecide, currentStageOf, type ApprovalRequest } from '../api/types';
import { ApprovalSummary } from './approval-summary';
import { AuditTrail } from './audit-trail';
import { DecisionForm } from './decision-form';
import { StageList } from './stage-list';

/** Why the decision form is not shown, in words. */
function NoDecisionNote({ request, me }: { request: ApprovalRequest; me: string | undefined }) {
  const { t } = useI18n();
  if (request.status !== 'pending') {
    return <p className="muted">{t('approvals.closed', { status: t(`approvals.status.${request.status}`) })}</p>;
  }
  if (request.requesterId === me) {
    return <p className="muted">{t('approvals.youRequested')}</p>;
  }
  const stage = currentStageOf(request);
  if (stage && me && stage.decisions.some((decision) => decision.approverId === me)) {
    return <p className="muted">{t('approvals.youDecided')}</p>;
  }
  return <p className="muted">{t('approvals.waitingForOthers', { number: (stage?.index ?? 0) + 1 })}</p>;
}

/**
 * One request: summary, the decision form for an approver of the current stage, the stages with
 * their decisions, and the audit trail. Kept current by the `approvals` topic.
 */
export function ApprovalDetailPage() {
  const { t } = useI18n();
  const { approvalId = '' } = useParams();
  const approval = useApproval(approvalId);
  const user = useUser().data;
  const me = user?.id;
  const [decided, setDecided] = useState<Decision | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  useApprovalEvents();

  const request = approval.data;
  return (
    <Page title={t('approvals.detail.title')}>
      <p>
        <Link to="/approvals" className="back-link">
          {t('approvals.backToInbox')}
        </Link>
      </p>
      {approval.isPending ? <Spinner label={t('common.loading')} /> : null}
      {approval.isError && isApiError(approval.error) && approval.error.status === 404 ? (
        <EmptyState title={t('approvals.notFound')}>{t('approvals.notFoundHint')}</EmptyState>
      ) : approval.isError ? (
        <Alert tone="error">{errorMessage(approval.error, t)}</Alert>
      ) : null}
      {request ? (
        <div className="approval-detail">
          <div className="approval-main">
            <ApprovalSummary request={request} me={user} />
            <div aria-live="polite">{decided ? <Alert tone="success">{t(`approvals.decide.done.${decided}`)}</Alert> : null}</div>
            {refusal ? <Alert tone="error">{refusal}</Alert> : null}
            {canDecide(request, me) ? (
              <section className="card">
                <DecisionForm
                  approvalId={request.id}
                  onDecided={(decision) => {
                    setRefusal(null);
                    setDecided(decision);
                  }}
                  onRefused={setRefusal}
                />
              </section>
            ) : (
              <NoDecisionNote request={request} me={me} />
            )}
            <StageList request={request} me={me} />
          </div>
          {request.audit ? <AuditTrail entries={request.audit} /> : null}
        </div>
      ) : null}
    </Page>
  );
}
