import { useState } from 'react';
import { RoleBadges } from '@/components/role-badges';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { Role, User } from '@/lib/auth/user';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { useUpdateUserRoles } from '../api/update-user-roles';
import { UserAllowance } from './user-allowance';

const EDITABLE: readonly Role[] = ['approver', 'admin'];

export function UserRow({ user }: { user: User }) {
  const { t, date } = useI18n();
  const [editing, setEditing] = useState(false);
  const [chosen, setChosen] = useState<Role[]>(user.roles);
  const update = useUpdateUserRoles();
  const label = user.name ?? user.email;

  function toggle(role: Role, on: boolean) {
    setChosen((current) => (on ? [...new Set([...current, role])] : current.filter((value) => value !== role)));
  }

  async function save() {
    try {
      await update.mutateAsync({ userId: user.id, roles: chosen });
      setEditing(false);
    } catch {
      // The error is shown in the row.
    }
  }

  return (
    <tr data-testid={`user-row-${user.email}`}>
      <td>{user.name ?? '—'}</td>
      <td className="break">{user.email}</td>
      <td>
        {editing ? (
          <fieldset className="role-editor">
            <legend className="visually-hidden">{t('admin.users.rolesOf', { name: label })}</legend>
            <label className="checkbox">
              <input type="checkbox" checked disabled />
              {t('roles.customer')}
            </label>
            {EDITABLE.map((role) => (
              <label className="checkbox" key={role}>
                <input type="checkbox" checked={chosen.includes(role)} onChange={(event) => toggle(role, event.target.checked)} />
                {t(`roles.${role}`)}
              </label>
            ))}
          </fieldset>
        ) : (
          <RoleBadges roles={user.roles} />
        )}
        {update.isError ? <Alert tone="error">{errorMessage(update.error, t)}</Alert> : null}
      </td>
      <td>{date(user.createdAt)}</td>
      <td className="row-actions">
        {editing ? (
          <>
            <Button onClick={save} busy={update.isPending}>
              {t('common.save')}
            </Button>
            <Button
              variant="ghost"
              onClick={() => {
                setChosen(user.roles);
                update.reset();
                setEditing(false);
              }}
            >
              {t('common.cancel')}
            </Button>
          </>
        ) : (
          <Button
            variant="secondary"
            aria-label={t('admin.users.editRolesOf', { name: label })}
            onClick={() => {
              setChosen(user.roles);
              setEditing(true);
            }}
          >
            {t('admin.users.editRoles')}
          </Button>
        )}
        <UserAllowance user={user} />
      </td>
    </tr>
  );
}
