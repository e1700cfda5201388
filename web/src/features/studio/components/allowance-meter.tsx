import { useId } from 'react';
import { useI18n } from '@/lib/i18n/i18n-provider';
import type { Budget } from '../api/get-budget';

/** What is left of the caller's free monthly allowance, and when it renews. */
export function AllowanceMeter({ budget }: { budget: Budget }) {
  const { t, number, date } = useI18n();
  const labelId = useId();
  if (budget.unlimited) {
    return <p className="studio-allowance muted">{t('studio.allowance.unlimited')}</p>;
  }
  const remaining = budget.remaining ?? 0;
  return (
    <div className="studio-allowance" data-testid="studio-allowance">
      <p id={labelId}>
        <strong>{t('studio.allowance.left', { remaining: number(remaining), limit: number(budget.limit) })}</strong>
      </p>
      <meter
        aria-labelledby={labelId}
        min={0}
        max={budget.limit}
        value={remaining}
        low={budget.limit * 0.25}
        high={budget.limit * 0.5}
        optimum={budget.limit}
      />
      <p className="muted">
        {budget.reserved > 0 ? `${t('studio.allowance.reserved', { reserved: number(budget.reserved) })} ` : ''}
        {t('studio.allowance.renews', { date: date(budget.resetsAt) })}
      </p>
    </div>
  );
}
