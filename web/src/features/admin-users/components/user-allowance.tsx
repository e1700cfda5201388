import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import type { Budget } from '@/api/schemas/budget';
import type { User } from '@/lib/auth/user';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { useSetUserAllowance, useUserBudget } from '../api/token-budgets';
import { parseAllowance } from './parse-allowance';

/** One user's monthly token allowance: where it comes from, what is left, and the admin's override. */
export function UserAllowance({ user }: { user: User }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const label = user.name ?? user.email;
  if (!open) {
    return (
      <Button variant="secondary" aria-label={t('admin.allowance.editOf', { name: label })} onClick={() => setOpen(true)}>
        {t('admin.allowance.edit')}
      </Button>
    );
  }
  return <AllowanceEditor user={user} onClose={() => setOpen(false)} />;
}

function AllowanceEditor({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useI18n();
  const budget = useUserBudget(user.id);
  const change = useSetUserAllowance(user.id);
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    const tokens = parseAllowance(value);
    setInvalid(tokens === null);
    if (tokens === null) return;
    try {
      await change.mutateAsync(tokens);
      setValue('');
    } catch {
      // Shown below.
    }
  }

  return (
    <form className="allowance-editor" onSubmit={save} noValidate>
      {budget.data ? <AllowanceStatus budget={budget.data} /> : null}
      {budget.isError ? <Alert tone="error">{errorMessage(budget.error, t)}</Alert> : null}
      <TextField
        label={t('admin.allowance.tokens', { name: user.name ?? user.email })}
        type="number"
        inputMode="numeric"
        min={0}
        step={1000}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        hint={t('admin.allowance.hint')}
        error={invalid ? t('admin.allowance.invalid') : undefined}
      />
      {change.isError ? <Alert tone="error">{errorMessage(change.error, t)}</Alert> : null}
      <div className="row-actions">
        <Button type="submit" busy={change.isPending}>
          {t('common.save')}
        </Button>
        {budget.data?.source === 'user' ? (
          <Button variant="ghost" onClick={() => change.mutate(null)}>
            {t('admin.allowance.reset')}
          </Button>
        ) : null}
        <Button variant="ghost" onClick={onClose}>
          {t('admin.allowance.close')}
        </Button>
      </div>
    </form>
  );
}

const SOURCES = ['admin', 'user', 'role', 'default'] as const;

function AllowanceStatus({ budget }: { budget: Budget }) {
  const { t, number } = useI18n();
  const known = SOURCES.find((value) => value === budget.source) ?? 'default';
  const source = t(`admin.allowance.source.${known}`);
  return (
    <p data-testid="user-allowance">
      {budget.unlimited
        ? t('admin.allowance.unlimited', { source })
        : t('admin.allowance.status', { remaining: number(budget.remaining ?? 0), limit: number(budget.limit), source })}
    </p>
  );
}
