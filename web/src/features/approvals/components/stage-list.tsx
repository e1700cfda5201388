import { useI18n } from '@/lib/i18n/i18n-provider';
import type { ApprovalRequest, ApprovalStage } from '../api/types';
import { roleLabel } from './labels';
import { StatusBadge } from './status-badge';

function StageCard({ stage, current, me }: { stage: ApprovalStage; current: boolean; me: string | undefined }) {
  const { t, plural, dateTime } = useI18n();
  const headingId = `stage-${stage.index}-heading`;
  const who =
    stage.approverRole !== null
      ? t('approvals.stage.byRole', { role: roleLabel(stage.approverRole, t) })
      : plural('approvals.stage.namedUsers', stage.approverIds.length);
  const asked = stage.approvers.length > 0 ? plural('approvals.stage.asked', stage.approvers.length) : null;
  const includesMe = me !== undefined && stage.approvers.includes(me);
  return (
    <li
      className={current ? 'stage card stage-current' : 'stage card'}
      aria-labelledby={headingId}
      aria-current={current ? 'step' : undefined}
    >
      <div className="stage-header">
        <h3 id={headingId}>{t('approvals.stage.heading', { number: stage.index + 1, name: stage.name })}</h3>
        <StatusBadge status={stage.status} />
        {stage.escalated ? <span className="status-badge status-escalated">{t('approvals.stage.escalated')}</span> : null}
      </div>
      <dl className="details">
        <dt>{t('approvals.stage.mode')}</dt>
        <dd>{t(`approvals.mode.${stage.mode}`)}</dd>
        <dt>{t('approvals.stage.approvers')}</dt>
        <dd>
          {who}
          {asked ? ` · ${asked}` : null}
          {includesMe ? ` (${t('approvals.stage.includingYou')})` : null}
        </dd>
        <dt>{t('approvals.stage.timeout')}</dt>
        <dd>
          {stage.timeoutHours === null
            ? t('approvals.stage.noTimeout')
            : t('approvals.stage.timeoutAfter', {
                hours: stage.timeoutHours,
                action: t(`approvals.onTimeout.${stage.onTimeout}`),
              })}
        </dd>
        {stage.startedAt ? (
          <>
            <dt>{t('approvals.stage.started')}</dt>
            <dd>{dateTime(stage.startedAt)}</dd>
          </>
        ) : null}
        {stage.startedAt && !stage.decidedAt ? (
          <>
            <dt>{t('approvals.due')}</dt>
            <dd>{stage.dueAt ? dateTime(stage.dueAt) : t('approvals.noDeadline')}</dd>
          </>
        ) : null}
        {stage.decidedAt ? (
          <>
            <dt>{t('approvals.decidedAt')}</dt>
            <dd>{dateTime(stage.decidedAt)}</dd>
          </>
        ) : null}
      </dl>
      <h4 className="stage-subheading">{t('approvals.stage.decisions')}</h4>
      {stage.decisions.length === 0 ? (
        <p className="muted">{t('approvals.stage.noDecisions')}</p>
      ) : (
        <ul className="decisions">
          {stage.decisions.map((decision) => (
            <li key={`${decision.approverId}-${decision.at}`} className={`decision decision-${decision.decision}`}>
              <p className="decision-line">
                <strong>{decision.approverName}</strong>{' '}
                <span className={`status-badge decision-badge-${decision.decision}`}>
                  {t(`approvals.decision.${decision.decision}`)}
                </span>{' '}
                <time dateTime={decision.at} className="muted">
                  {dateTime(decision.at)}
                </time>
              </p>
              {decision.comment ? <blockquote className="decision-comment">{decision.comment}</blockquote> : null}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The request's stages in order, each with its mode, approvers, deadline and decisions. */
export function StageList({ request, me }: { request: ApprovalRequest; me: string | undefined }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="stages-heading" className="approval-section">
      <h2 id="stages-heading">{t('approvals.stages')}</h2>
      <ol className="stages">
        {request.stages.map((stage) => (
          <StageCard key={stage.index} stage={stage} current={stage.index === request.currentStage} me={me} />
        ))}
      </ol>
    </section>
  );
}
