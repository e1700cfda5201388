import { useI18n } from '@/lib/i18n/i18n-provider';
import { currentStageOf, type ApprovalRequest } from '../api/types';
import { categoryLabel } from './labels';

/**
 * The terms every view of a request shows — category, policy, current stage and its
 * deadline — as `<dt>`/`<dd>` pairs for the caller's definition list.
 */
export function ApprovalFacts({ request }: { request: ApprovalRequest }) {
  const { t, dateTime } = useI18n();
  const stage = currentStageOf(request);
  return (
    <>
      <dt>{t('approvals.category')}</dt>
      <dd>{categoryLabel(request.category, t)}</dd>
      <dt>{t('approvals.policy')}</dt>
      <dd>{request.policyName}</dd>
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
    </>
  );
}
