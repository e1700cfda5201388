import { useI18n } from '@/lib/i18n/i18n-provider';
import { statusLabel } from './job-labels';

export function JobStatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return <span className={`job-status job-status-${status}`}>{statusLabel(status, t)}</span>;
}
