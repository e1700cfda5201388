import { useI18n } from '@/lib/i18n/i18n-provider';
import type { TimelineEntry } from '../types';
import { OrderStatusBadge } from './order-status-badge';
import { TimelineNote } from './timeline-note';

function ActorLine({ actor }: { actor: TimelineEntry['actor'] }) {
  const { t } = useI18n();
  if (actor.type === 'agent') {
    return <>{t('orders.timeline.byAgent', { name: actor.name ?? '', id: actor.id ?? '' })}</>;
  }
  if (actor.type === 'user') {
    return <>{t('orders.timeline.byUser', { name: actor.name ?? '' })}</>;
  }
  return <>{t('orders.timeline.bySystem')}</>;
}

/**
 * The order's steps as they happened — who moved it, when, and why (the note). New steps arrive from
 * the WebSocket and are announced to screen readers.
 */
export function OrderTimeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const { t, dateTime } = useI18n();
  return (
    <section className="card order-section" aria-labelledby="order-timeline-title">
      <h2 id="order-timeline-title">{t('orders.timeline.title')}</h2>
      {entries.length === 0 ? (
        <p className="muted">{t('orders.timeline.empty')}</p>
      ) : (
        <ol className="timeline" aria-labelledby="order-timeline-title" aria-live="polite" data-testid="order-timeline">
          {entries.map((entry, index) => (
            <li key={`${entry.status}-${entry.at}-${index}`} className="timeline-entry">
              <span className="timeline-dot" aria-hidden="true" />
              <div className="timeline-body">
                <p className="timeline-head">
                  <OrderStatusBadge status={entry.status} />
                  <time dateTime={entry.at}>{dateTime(entry.at)}</time>
                </p>
                <p className="timeline-actor">
                  <ActorLine actor={entry.actor} />
                </p>
                <TimelineNote entry={entry} />
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
