import type { MessageKey } from '@/lib/i18n/catalogue';
import { useI18n } from '@/lib/i18n/i18n-provider';
import type { AuditEntry } from '../api/types';

const ACTIONS = [
  'opened',
  'stage_started',
  'approve',
  'reject',
  'request_changes',
  'escalated',
  'expired',
  'reopened',
  'cancelled',
];

function Actor({ actor }: { actor: AuditEntry['actor'] }) {
  const { t } = useI18n();
  if (actor.type === 'user') {
    return <>{actor.name ?? actor.id}</>;
  }
  if (actor.type === 'agent') {
    return <>{actor.name ? `${actor.name} (${actor.id ?? ''})` : t('approvals.actor.agent', { id: actor.id ?? '' })}</>;
  }
  return <>{t('approvals.actor.system')}</>;
}

/** The append-only trail: who did what, when, and from which state to which — oldest first. */
export function AuditTrail({ entries }: { entries: AuditEntry[] }) {
  const { t, dateTime } = useI18n();
  const status = (value: AuditEntry['toStatus']) => t(`approvals.status.${value}`);
  return (
    <section aria-labelledby="audit-heading" className="approval-section">
      <h2 id="audit-heading">{t('approvals.audit')}</h2>
      <ol className="audit">
        {entries.map((entry, index) => (
          <li key={`${entry.at}-${index}`} className="audit-entry">
            <time dateTime={entry.at} className="audit-time">
              {dateTime(entry.at)}
            </time>
            <p className="audit-what">
              <strong>
                <Actor actor={entry.actor} />
              </strong>
              {' · '}
              {ACTIONS.includes(entry.action) ? t(`approvals.audit.action.${entry.action}` as MessageKey) : entry.action}
            </p>
            <p className="audit-meta muted">
              {entry.fromStatus !== null && entry.fromStatus !== entry.toStatus
                ? t('approvals.audit.transition', { from: status(entry.fromStatus), to: status(entry.toStatus) })
                : t('approvals.audit.state', { status: status(entry.toStatus) })}
              {entry.stage !== null ? ` · ${t('approvals.audit.stage', { number: entry.stage + 1 })}` : null}
              {` · ${t('approvals.audit.round', { round: entry.round })}`}
            </p>
            {entry.detail ? <p className="audit-detail">{entry.detail}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
