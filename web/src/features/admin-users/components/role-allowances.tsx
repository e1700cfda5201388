import { useId, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { ALLOWANCE_ROLES, useAllowances, useSetRoleAllowance, type AllowanceRole } from '../api/token-budgets';
import { parseAllowance } from './parse-allowance';

/** The monthly token allowance of each role (customers, approvers), over the configured default. */
export function RoleAllowances() {
  const { t, number } = useI18n();
  const headingId = useId();
  const allowances = useAllowances();
  return (
    <section className="card role-allowances" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('admin.allowance.rolesTitle')}</h2>
      {allowances.data ? (
        <p className="muted">
          {allowances.data.defaultMonthlyTokens === 0
            ? t('admin.allowance.defaultUnlimited')
            : t('admin.allowance.default', { tokens: number(allowances.data.defaultMonthlyTokens) })}
        </p>
      ) : null}
      {allowances.isError ? <Alert tone="error">{errorMessage(allowances.error, t)}</Alert> : null}
      {allowances.data
        ? ALLOWANCE_ROLES.map((role) => (
            <RoleAllowance
              key={role}
              role={role}
              current={allowances.data.roles.find((entry) => entry.role === role)?.monthlyTokens ?? null}
            />
          ))
        : null}
    </section>
  );
}

function RoleAllowance({ role, current }: { role: AllowanceRole; current: number | null }) {
  const { t, number } = useI18n();
  const change = useSetRoleAllowance();
  const [value, setValue] = useState(current === null ? '' : String(current));
  const [invalid, setInvalid] = useState(false);
  const roleName = t(`roles.${role}`);

  async function save(event: FormEvent) {
    event.preventDefault();
    const tokens = parseAllowance(value);
    setInvalid(tokens === null);
    if (tokens === null) return;
    try {
      await change.mutateAsync({ role, monthlyTokens: tokens });
    } catch {
      // Shown below.
    }
  }

  return (
    <form className="allowance-editor" onSubmit={save} noValidate>
      <TextField
        label={t('admin.allowance.roleTokens', { role: roleName })}
        type="number"
        inputMode="numeric"
        min={0}
        step={1000}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        hint={
          current === null
            ? t('admin.allowance.roleUnset')
            : current === 0
              ? t('admin.allowance.roleUnlimited')
              : t('admin.allowance.roleSet', { tokens: number(current) })
        }
        error={invalid ? t('admin.allowance.invalid') : undefined}
      />
      {change.isError ? <Alert tone="error">{errorMessage(change.error, t)}</Alert> : null}
      <div className="row-actions">
        <Button type="submit" busy={change.isPending}>
          {t('common.save')}
        </Button>
        {current !== null ? (
          <Button
            variant="ghost"
            onClick={async () => {
              try {
                await change.mutateAsync({ role, monthlyTokens: null });
                setValue('');
              } catch {
                // Shown above.
              }
            }}
          >
            {t('admin.allowance.roleReset', { role: roleName })}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
