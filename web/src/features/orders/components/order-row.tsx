import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n-provider';
import type { Order } from '../types';
import { OrderStatusBadge } from './order-status-badge';

/** One order in a list: its product (opening the order), when placed, quantity, total and status; `meta` adds to the details line. */
export function OrderRow({ order, testId, meta }: { order: Order; testId: string; meta?: ReactNode }) {
  const { t, money, dateTime, number } = useI18n();
  return (
    <li className="card order-row" data-testid={testId}>
      <div className="order-row-main">
        <Link className="order-row-name" to={`/orders/${order.id}`}>
          {order.productName}
        </Link>
        <p className="muted order-row-meta">
          <span>{t('orders.list.placedOn', { date: dateTime(order.createdAt) })}</span>
          <span>{t('orders.list.quantity', { quantity: number(order.quantity) })}</span>
          {meta}
        </p>
      </div>
      <p className="price order-row-total">{money(order.total)}</p>
      <OrderStatusBadge status={order.status} />
    </li>
  );
}
