import { useId } from 'react';
import { Link } from 'react-router';
import { useApprovals, type ApprovalsView } from '@/api/approvals';
import { EmptyState } from '@/components/ui/empty-state';
import { ListStates } from '@/components/ui/list-states';
import { Page } from '@/components/ui/page';
import { useUser } from '@/lib/auth/get-me';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { pageParam } from '@/lib/page';
import { useUrlParams } from '@/lib/url-state';
import { useApprovalEvents } from '../api/approval-events';
import { APPROVAL_STATUSES, isApprovalStatus } from '../api/types';
import { ApprovalItem } from './approval-item';

const PAGE_SIZE = 20;

/**
 * The approver's inbox: pending requests waiting for my decision, and (second view) every request
 * that asked me, filterable by status. New requests appear and decided ones leave by themselves:
 * the `approvals` topic updates the cached lists.
 */
export function ApprovalsPage() {
  const { t, plural } = useI18n();
  const [params, update] = useUrlParams();
  const view: ApprovalsView = params.get('view') === 'asked' ? 'asked' : 'inbox';
  const statusParam = params.get('status');
  const status = view === 'asked' && isApprovalStatus(statusParam) ? statusParam : undefined;
  const page = pageParam(params.get('page'));
  const statusId = useId();
  const me = useUser().data;
  const approvals = useApprovals({ view, status, page, size: PAGE_SIZE });
  useApprovalEvents();

  // The count shows with an empty page too ("0 requests").
  const count = approvals.data ? (
    <p className="result-count" aria-live="polite">
      {plural('approvals.count', approvals.data.total)}
    </p>
  ) : null;
  return (
    <Page title={t('approvals.title')}>
      <p className="lead">{t('approvals.lead')}</p>
      <nav className="view-switch" aria-label={t('approvals.views')}>
        <Link to="/approvals" aria-current={view === 'inbox' ? 'page' : undefined}>
          {t('approvals.view.inbox')}
        </Link>
        <Link to="/approvals?view=asked" aria-current={view === 'asked' ? 'page' : undefined}>
          {t('approvals.view.asked')}
        </Link>
      </nav>
      {view === 'asked' ? (
        <form className="filters filters-narrow" role="search" onSubmit={(event) => event.preventDefault()}>
          <div className="field">
            <label htmlFor={statusId}>{t('approvals.statusFilter')}</label>
            <select
              id={statusId}
              value={status ?? ''}
              onChange={(event) => update({ status: event.target.value || undefined, page: undefined })}
            >
              <option value="">{t('approvals.allStatuses')}</option>
              {APPROVAL_STATUSES.map((value) => (
                <option key={value} value={value}>
                  {t(`approvals.status.${value}`)}
                </option>
              ))}
            </select>
          </div>
        </form>
      ) : null}
      <ListStates
        query={approvals}
        empty={
          <>
            {count}
            {view === 'inbox' ? (
              <EmptyState title={t('approvals.inboxEmpty')}>{t('approvals.inboxEmptyHint')}</EmptyState>
            ) : (
              <EmptyState title={t('approvals.askedEmpty')}>{t('approvals.askedEmptyHint')}</EmptyState>
            )}
          </>
        }
        onPage={(next) => update({ page: next > 0 ? String(next) : undefined })}
      >
        {(data) => (
          <>
            {count}
            <ul className="approval-list" aria-label={t(view === 'inbox' ? 'approvals.view.inbox' : 'approvals.view.asked')}>
              {data.items.map((request) => (
                <ApprovalItem key={request.id} request={request} me={me} />
              ))}
            </ul>
          </>
        )}
      </ListStates>
    </Page>
  );
}
