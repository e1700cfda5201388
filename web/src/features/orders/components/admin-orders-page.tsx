import { EmptyState } from '@/components/ui/empty-state';
import { ListStates } from '@/components/ui/list-states';
import { Page } from '@/components/ui/page';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { pageParam } from '@/lib/page';
import { useUrlParams } from '@/lib/url-state';
import { useOrders } from '../api/get-orders';
import { useOrdersLive } from '../api/order-events';
import { isOrderStatus } from '../types';
import { OrderRow } from './order-row';
import { OrderStatusFilter } from './order-status-filter';

const PAGE_SIZE = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every customer's orders for admins, newest first, by status and customer; an order opens its page (refunds there). */
export function AdminOrdersPage() {
  const { t, plural } = useI18n();
  const [params, update] = useUrlParams();
  const statusParam = params.get('status');
  const status = isOrderStatus(statusParam) ? statusParam : undefined;
  const userParam = params.get('userId');
  const userId = userParam && UUID.test(userParam) ? userParam : undefined;
  const page = pageParam(params.get('page'));
  const orders = useOrders({ status, userId, page, size: PAGE_SIZE });
  useOrdersLive();

  return (
    <Page title={userId ? t('orders.admin.filteredByCustomer', { id: userId.slice(0, 8) }) : t('orders.admin.title')}>
      <form className="order-filters" onSubmit={(event) => event.preventDefault()}>
        <OrderStatusFilter status={status} onChange={(next) => update({ status: next, page: undefined })} />
        {userId ? (
          <button type="button" className="btn btn-ghost" onClick={() => update({ userId: undefined, page: undefined })}>
            {t('orders.admin.clearCustomer')}
          </button>
        ) : null}
      </form>
      <ListStates
        query={orders}
        empty={<EmptyState title={status ? t('orders.list.noMatches') : t('orders.list.empty')} />}
        onPage={(next) => update({ page: next > 0 ? String(next) : undefined })}
      >
        {(data) => (
          <>
            <p className="result-count" aria-live="polite">
              {plural('orders.list.count', data.total)}
            </p>
            <ul className="order-list" aria-busy={orders.isPlaceholderData || undefined}>
              {data.items.map((order) => (
                <OrderRow
                  key={order.id}
                  order={order}
                  testId={`admin-order-row-${order.id}`}
                  meta={
                    userId ? null : (
                      <button
                        type="button"
                        className="link-button"
                        title={t('orders.admin.customerFilter')}
                        onClick={() => update({ userId: order.userId, page: undefined })}
                      >
                        {t('orders.admin.customer', { id: order.userId.slice(0, 8) })}
                      </button>
                    )
                  }
                />
              ))}
            </ul>
          </>
        )}
      </ListStates>
    </Page>
  );
}
