import type { ConnectionState } from '@/lib/realtime/realtime-connection';
import { useRealtimeState } from '@/lib/realtime/realtime-provider';
import { useI18n } from '@/lib/i18n/i18n-provider';

const KEYS = {
  idle: 'realtime.offline',
  connecting: 'realtime.connecting',
  online: 'realtime.online',
  reconnecting: 'realtime.reconnecting',
  offline: 'realtime.offline',
} as const satisfies Record<ConnectionState, string>;

/** Shows whether live updates arrive; announced politely when it changes. */
export function ConnectionIndicator() {
  const state = useRealtimeState();
  const { t } = useI18n();
  const label = t(KEYS[state]);
  return (
    <span className={`connection connection-${state}`} role="status" aria-live="polite" title={t('realtime.title')}>
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-label">{label}</span>
    </span>
  );
}
