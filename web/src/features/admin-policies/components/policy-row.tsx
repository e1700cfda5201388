import { useState } from 'react';
import { Link } from 'react-router';
import { isCategory } from '@/api/schemas/product';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { MessageKey } from '@/lib/i18n/catalogue';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { useDeletePolicy, useReplacePolicy } from '../api/policies';
import { inputOf, type Policy } from '../api/types';

/** An amount of the policy: in its currency when it names one, else as a plain number. */
function usePolicyAmount() {
  const { money, locale } = useI18n();
  return (amount: string, currency: string | null) =>
    currency
      ? money({ amount, currency })
      : new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }).format(amount as Intl.StringNumericLiteral);
}

/** "Totals from $1,000.00 · any currency · every category" */
export function useAppliesToSummary() {
  const { t } = useI18n();
  const format = usePolicyAmount();
  return (policy: Policy) => {
    const { minAmount, currency, categories } = policy.appliesTo;
    const amount = format(minAmount, currency);
    return [
      t('policies.appliesFrom', { amount }),
      currency ?? t('policies.anyCurrency'),
      categories.length === 0
        ? t('policies.allCategories')
        : categories.map((category) => (isCategory(category) ? t(`catalog.categories.${category}`) : category)).join(', '),
    ].join(' · ');
  };
}

export function PolicyRow({ policy, onDeleted }: { policy: Policy; onDeleted: (name: string) => void }) {
  const { t, dateTime } = useI18n();
  const summary = useAppliesToSummary();
  const format = usePolicyAmount();
  const replace = useReplacePolicy();
  const remove = useDeletePolicy();
  const [confirming, setConfirming] = useState(false);
  const error = replace.error ?? remove.error;

  async function toggle() {
    remove.reset();
    try {
      await replace.mutateAsync({
        id: policy.id,
        version: policy.version,
        input: { ...inputOf(policy), active: !policy.active },
      });
    } catch {
      // Shown in the row.
    }
  }

  async function confirmDelete() {
    replace.reset();
    try {
      await remove.mutateAsync(policy.id);
      onDeleted(policy.name);
    } catch {
      setConfirming(false);
    }
  }

  const who = (stage: Policy['stages'][number]) =>
    stage.approverRole === 'approver' || stage.approverRole === 'admin'
      ? t(`roles.${stage.approverRole}`)
      : (stage.approverRole ?? t('policies.form.byUsers'));
  return (
    <tr data-testid={`policy-row-${policy.name}`}>
      <td>
        <Link to={`/admin/policies/${policy.id}`} className="break">
          {policy.name}
        </Link>
      </td>
      <td>{policy.priority}</td>
      <td>{summary(policy)}</td>
      <td>
        <ol className="stage-summary">
          {policy.stages.map((stage, index) => (
            <li key={index}>
              {t('policies.stageSummary', {
                name: stage.name,
                who: who(stage),
                mode: t(`policies.form.mode.${stage.mode}` as MessageKey).split(' — ')[0] ?? stage.mode,
              })}
              {/* A stage that joins only from a higher total (the admin stage from 10 000) says so. */}
              {stage.minAmount !== null
                ? ` ${t('policies.stageFrom', { amount: format(stage.minAmount, policy.appliesTo.currency) })}`
                : null}
            </li>
          ))}
        </ol>
      </td>
      <td>
        <span className={policy.active ? 'policy-badge policy-active' : 'policy-badge policy-inactive'}>
          {policy.active ? t('policies.active') : t('policies.inactive')}
        </span>
      </td>
      <td>{dateTime(policy.updatedAt)}</td>
      <td>
        {confirming ? (
          <div className="confirm" role="group" aria-label={t('policies.deleteOf', { name: policy.name })}>
            <p>{t('policies.confirmDelete', { name: policy.name })}</p>
            <div className="row-actions">
              <Button variant="danger" busy={remove.isPending} onClick={confirmDelete}>
                {t('policies.delete')}
              </Button>
              <Button variant="ghost" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </Button>
            </div>
          </div>
        ) : (
          <div className="row-actions">
            <Link
              className="btn btn-secondary"
              to={`/admin/policies/${policy.id}`}
              aria-label={t('policies.editOf', { name: policy.name })}
            >
              {t('policies.edit')}
            </Link>
            <Button
              variant="secondary"
              busy={replace.isPending}
              aria-label={t(policy.active ? 'policies.deactivateOf' : 'policies.activateOf', { name: policy.name })}
              onClick={toggle}
            >
              {policy.active ? t('policies.deactivate') : t('policies.activate')}
            </Button>
            <Button
              variant="ghost"
              aria-label={t('policies.deleteOf', { name: policy.name })}
              onClick={() => setConfirming(true)}
            >
              {t('policies.delete')}
            </Button>
          </div>
        )}
        {error ? <Alert tone="error">{errorMessage(error, t)}</Alert> : null}
      </td>
    </tr>
  );
}
