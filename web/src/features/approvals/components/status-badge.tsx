import { useI18n } from '@/lib/i18n/i18n-provider';
import type { StageStatus } from '../api/types';

/** A request's or a stage's status as a coloured, labelled badge (the text carries the meaning). */
export function StatusBadge({ status }: { status: StageStatus }) {
  const { t } = useI18n();
  return <span className={`status-badge status-${status}`}>{t(`approvals.status.${status}`)}</span>;
}
