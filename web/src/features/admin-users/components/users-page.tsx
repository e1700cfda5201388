import { useId } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { ListStates } from '@/components/ui/list-states';
import { ListTable } from '@/components/ui/list-table';
import { Page } from '@/components/ui/page';
import { ROLES, type Role } from '@/lib/auth/user';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { pageParam } from '@/lib/page';
import { useUrlParams, useUrlSearch } from '@/lib/url-state';
import { useUsers } from '../api/get-users';
import { RoleAllowances } from './role-allowances';
import { UserRow } from './user-row';

const PAGE_SIZE = 20;

function isRole(value: string | null): value is Role {
  return (ROLES as readonly string[]).includes(value ?? '');
}

/**
 * Admin: every user, searchable by email or name, filterable by role, with their roles and monthly AI
 * allowance editable; the allowance of each role above the list.
 */
export function UsersPage() {
  const { t, plural } = useI18n();
  const [params, update] = useUrlParams();
  const q = params.get('q') ?? '';
  const roleParam = params.get('role');
  const role = isRole(roleParam) ? roleParam : undefined;
  const page = pageParam(params.get('page'));
  const [search, setSearch] = useUrlSearch(q, update);
  const searchId = useId();
  const roleId = useId();
  const users = useUsers({ q: q || undefined, role, page, size: PAGE_SIZE });

  return (
    <Page title={t('admin.users.title')}>
      <RoleAllowances />
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={searchId}>{t('admin.users.search')}</label>
          <input id={searchId} type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={roleId}>{t('admin.users.roleFilter')}</label>
          <select
            id={roleId}
            value={role ?? ''}
            onChange={(event) => update({ role: event.target.value || undefined, page: undefined })}
          >
            <option value="">{t('admin.users.allRoles')}</option>
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {t(`roles.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ListStates
        query={users}
        empty={<EmptyState title={t('admin.users.none')} />}
        onPage={(next) => update({ page: next > 0 ? String(next) : undefined })}
      >
        {(data) => (
          <>
            <p className="result-count" aria-live="polite">
              {plural('admin.users.count', data.total)}
            </p>
            <ListTable
              caption={t('admin.users.title')}
              columns={[t('auth.name'), t('auth.email'), t('profile.roles'), t('admin.users.joined')]}
              actionsLabel={t('admin.users.actions')}
            >
              {data.items.map((user) => (
                <UserRow key={user.id} user={user} />
              ))}
            </ListTable>
          </>
        )}
      </ListStates>
    </Page>
  );
}
