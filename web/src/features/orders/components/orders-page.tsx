import { Link } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { ListStates } from '@/components/ui/list-states';
import { Page } from '@/components/ui/page';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { pageParam } from '@/lib/page';
import { useUser } from '@/lib/auth/get-me';
import { useUrlParams } from '@/lib/url-state';
import { useOrders } from '../api/get-orders';
import { useOrdersLive } from '../api/order-events';
import { isOrderStatus } from '../types';
import { OrderRow } from './order-row';
import { OrderStatusFilter } from './order-status-filter';

const PAGE_SIZE = 10;

/** My orders (also an admin's own only), newest first, filterable by status, kept live by the `orders` topic. */
export function OrdersPage() {
  const { t, plural } = useI18n();
  const [params, update] = useUrlParams();
  const statusParam = params.get('status');
  const status = isOrderStatus(statusParam) ? statusParam : undefined;
  const page = pageParam(params.get('page'));
  // Asks for the caller's own orders by id: an admin's "My orders" are theirs too (all orders: /admin/orders).
  const userId = useUser().data?.id;
  const orders = useOrders({ status, userId, page, size: PAGE_SIZE }, userId !== undefined);
  useOrdersLive();

  return (
    <Page title={t('orders.title')}>
      <form className="order-filters" onSubmit={(event) => event.preventDefault()}>
        <OrderStatusFilter status={status} onChange={(next) => update({ status: next, page: undefined })} />
      </form>
      <ListStates
        query={orders}
        empty={
          <EmptyState title={status ? t('orders.list.noMatches') : t('orders.list.empty')}>
            {status ? null : (
              <>
                <p>{t('orders.list.emptyHint')}</p>
                <Link to="/catalog">{t('orders.browseCatalog')}</Link>
              </>
            )}
          </EmptyState>
        }
        onPage={(next) => update({ page: next > 0 ? String(next) : undefined })}
      >
        {(data) => (
          <>
            <p className="result-count" aria-live="polite">
              {plural('orders.list.count', data.total)}
            </p>
            <ul className="order-list" aria-busy={orders.isPlaceholderData || undefined}>
              {data.items.map((order) => (
                <OrderRow key={order.id} order={order} testId={`order-row-${order.id}`} />
              ))}
            </ul>
          </>
        )}
      </ListStates>
    </Page>
  );
}
