import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useApproval } from '@/api/approvals';
import { generationKindOfCategory } from '@/components/generation-request/schema';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { Page } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/i18n/error-message';
import { useUser } from '@/lib/auth/get-me';
import { hasRole } from '@/lib/auth/user';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { isApiError } from '@/lib/problem';
import { useOrder } from '../api/get-order';
import { useOrderLive } from '../api/order-events';
import type { Order, OrderStatus } from '../types';
import { ApprovalPanel } from './approval-panel';
import { CancelOrderButton } from './cancel-order-button';
import { CheckoutPanel } from './checkout-panel';
import { JobPanel } from './job-panel';
import { OrderInput } from './order-input';
import { OrderStatusBadge } from './order-status-badge';
import { OrderTimeline } from './order-timeline';
import { PaymentAttempts } from './payment-attempts';

/** States in which the owner may still cancel (docs/api.md: before payment). */
const CANCELLABLE: readonly OrderStatus[] = ['pending', 'awaiting_approval', 'awaiting_payment'];

function OrderSummary({ order }: { order: Order }) {
  const { t, money, number, dateTime } = useI18n();
  // An approver asking for changes leaves the order awaiting approval (docs/api.md); the summary says
  // both, as the approval box below does, so the two never disagree.
  const approval = useApproval(order.status === 'awaiting_approval' ? order.approvalId : null);
  const changesRequested = approval.data?.status === 'changes_requested';
  const status = t(`orders.status.${order.status}`);
  return (
    <section className="card order-section" aria-labelledby="order-summary-title">
      <h2 id="order-summary-title">{t('orders.detail.summary')}</h2>
      <p className="order-status-now" aria-live="polite" data-testid="order-status">
        <span className="visually-hidden">
          {t('orders.detail.statusNow', {
            status: changesRequested ? t('orders.detail.statusChangesRequested', { status }) : status,
          })}
        </span>
        <span aria-hidden="true">
          <OrderStatusBadge status={order.status} />
          {changesRequested ? (
            <>
              {' '}
              <span className="approval-status approval-status-changes_requested">
                {t('orders.approval.status.changes_requested')}
              </span>
            </>
          ) : null}
        </span>
      </p>
      {changesRequested ? <p className="muted">{t('orders.detail.reviseHint')}</p> : null}
      <dl className="details">
        <dt>{t('orders.field.product')}</dt>
        <dd>
          <Link to={`/catalog/${order.productId}`}>{order.productName}</Link>
        </dd>
        <dt>{t('orders.field.quantity')}</dt>
        <dd>{number(order.quantity)}</dd>
        <dt>{t('orders.field.unitPrice')}</dt>
        <dd>{money(order.unitPrice)}</dd>
        <dt>{t('orders.field.total')}</dt>
        <dd className="price">{money(order.total)}</dd>
        <dt>{t('orders.field.placedAt')}</dt>
        <dd>{dateTime(order.createdAt)}</dd>
        {order.completedAt ? (
          <>
            <dt>{t('orders.field.completedAt')}</dt>
            <dd>{dateTime(order.completedAt)}</dd>
          </>
        ) : null}
        <dt>{t('orders.field.orderId')}</dt>
        <dd className="break">{order.id}</dd>
      </dl>
    </section>
  );
}

/** Back to where the order was listed: an admin viewing someone else's order came from all orders. */
function BackLink({ order }: { order?: Order }) {
  const { t } = useI18n();
  const user = useUser().data;
  const allOrders = hasRole(user, 'admin') && (order === undefined || order.userId !== user?.id);
  return (
    <Link className="back-link" to={allOrders ? '/admin/orders' : '/orders'}>
      {allOrders ? t('orders.backToAllOrders') : t('orders.backToOrders')}
    </Link>
  );
}

function OrderView({ order }: { order: Order }) {
  const { t } = useI18n();
  const [paidNotice, setPaidNotice] = useState(false);
  useOrderLive(order);
  const showJob = order.aiJobId !== null && generationKindOfCategory(order.category) !== null;
  return (
    <Page title={t('orders.detail.title', { product: order.productName })} actions={<BackLink order={order} />}>
      <div className="order-layout">
        <div className="order-main">
          {paidNotice && order.status !== 'awaiting_payment' ? (
            <Alert tone="success">{t('orders.detail.paidNotice')}</Alert>
          ) : null}
          <OrderSummary order={order} />
          {order.status === 'awaiting_payment' ? <CheckoutPanel order={order} onPaid={() => setPaidNotice(true)} /> : null}
          {showJob && order.aiJobId ? <JobPanel jobId={order.aiJobId} /> : null}
          {order.approvalId ? <ApprovalPanel order={order} /> : null}
          <PaymentAttempts orderId={order.id} enabled={order.status !== 'awaiting_approval' && order.status !== 'pending'} />
          <OrderInput input={order.input} />
          {CANCELLABLE.includes(order.status) ? (
            <div className="order-cancel">
              <CancelOrderButton orderId={order.id} />
            </div>
          ) : null}
        </div>
        <div className="order-aside">
          <OrderTimeline entries={order.timeline} />
        </div>
      </div>
    </Page>
  );
}

/** One order: summary, the live timeline, and whatever its state asks for (approval, checkout, generation). */
export function OrderDetailPage() {
  const { orderId = '' } = useParams();
  const { t } = useI18n();
  const order = useOrder(orderId);

  if (order.isPending) {
    return <Spinner label={t('common.loading')} />;
  }
  if (order.isError) {
    const missing = isApiError(order.error) && (order.error.status === 404 || order.error.code === 'validation_failed');
    return (
      <Page title={missing ? t('orders.detail.notFound') : t('orders.order')}>
        {missing ? (
          <EmptyState title={t('orders.detail.notFound')}>{t('orders.detail.notFoundHint')}</EmptyState>
        ) : (
          <Alert tone="error">{errorMessage(order.error, t)}</Alert>
        )}
        <BackLink />
      </Page>
    );
  }
  return <OrderView order={order.data} />;
}
