import { useId, useState } from 'react';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { ListStates } from '@/components/ui/list-states';
import { ListTable } from '@/components/ui/list-table';
import { Page } from '@/components/ui/page';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { pageParam } from '@/lib/page';
import { useUrlParams } from '@/lib/url-state';
import { usePolicies } from '../api/policies';
import { PolicyRow } from './policy-row';

const PAGE_SIZE = 20;

/** Admin: the approval policies, active and inactive, with create, edit, (de)activate and delete. */
export function PoliciesPage() {
  const { t, plural } = useI18n();
  const [params, update] = useUrlParams();
  const filterId = useId();
  const show = params.get('show');
  const active = show === 'active' ? true : show === 'inactive' ? false : undefined;
  const page = pageParam(params.get('page'));
  const policies = usePolicies({ active, page, size: PAGE_SIZE });
  const [deleted, setDeleted] = useState<string | null>(null);

  return (
    <Page
      title={t('policies.title')}
      actions={
        <Link className="btn btn-primary" to="/admin/policies/new">
          {t('policies.new')}
        </Link>
      }
    >
      <p className="lead">{t('policies.lead')}</p>
      <form className="filters policy-filters" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={filterId}>{t('policies.filter')}</label>
          <select
            id={filterId}
            value={show === 'active' || show === 'inactive' ? show : ''}
            onChange={(event) => update({ show: event.target.value || undefined, page: undefined })}
          >
            <option value="">{t('policies.filter.all')}</option>
            <option value="active">{t('policies.filter.active')}</option>
            <option value="inactive">{t('policies.filter.inactive')}</option>
          </select>
        </div>
      </form>
      <div aria-live="polite">{deleted ? <Alert tone="success">{t('policies.deleted', { name: deleted })}</Alert> : null}</div>
      <ListStates
        query={policies}
        empty={<EmptyState title={t('policies.none')}>{t('policies.noneHint')}</EmptyState>}
        onPage={(next) => update({ page: next > 0 ? String(next) : undefined })}
      >
        {(data) => (
          <>
            <p className="result-count">{plural('policies.count', data.total)}</p>
            <ListTable
              caption={t('policies.title')}
              columns={[
                t('policies.name'),
                t('policies.priority'),
                t('policies.appliesTo'),
                t('policies.stages'),
                t('policies.status'),
                t('policies.updated'),
              ]}
              actionsLabel={t('policies.actions')}
              className="policies-table"
            >
              {data.items.map((policy) => (
                <PolicyRow key={policy.id} policy={policy} onDeleted={setDeleted} />
              ))}
            </ListTable>
          </>
        )}
      </ListStates>
    </Page>
  );
}
