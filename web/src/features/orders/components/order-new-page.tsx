import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useProduct } from '@/api/products';
import type { Product } from '@/api/schemas/product';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { Page } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import { handedOffInput } from '@/components/generation-request/handoff';
import { generationKindOfCategory } from '@/components/generation-request/schema';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { isApiError } from '@/lib/problem';
import type { Order } from '../types';
import { GenerationOrderForm } from './generation-order-form';
import { OrderForm } from './order-form';

/**
 * The default policy's threshold (docs/api.md "Approvals"): it applies to every currency, so the
 * total is compared in the product's own currency. Policies are admin-only; customers see the default.
 */
const DEFAULT_APPROVAL_FROM = '1000';

function ProductHeader({ product }: { product: Product }) {
  const { money, t } = useI18n();
  return (
    <div className="order-product">
      <p className="order-product-price">
        <span className="muted">{t('orders.field.unitPrice')}</span> <strong className="price">{money(product.price)}</strong>
      </p>
      {product.description ? <p className="muted">{product.description}</p> : null}
      <p className="muted" data-testid="approval-note">
        {t('orders.new.approvalNote', { amount: money({ amount: DEFAULT_APPROVAL_FROM, currency: product.price.currency }) })}
      </p>
    </div>
  );
}

/**
 * `/orders/new?productId=…`: the order form for one product of the catalog; a generation request handed
 * over in the navigation's state (from the studio) fills in the request.
 */
export function OrderNewPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const location = useLocation();
  const handedOff = handedOffInput(location.state);
  const navigate = useNavigate();
  const productId = params.get('productId');
  const product = useProduct(productId);
  const onPlaced = (order: Order) => navigate(`/orders/${order.id}`);

  if (productId === null) {
    return (
      <Page title={t('orders.new.pageTitle')}>
        <EmptyState title={t('orders.new.noProduct')}>
          <Link to="/catalog">{t('orders.browseCatalog')}</Link>
        </EmptyState>
      </Page>
    );
  }
  if (product.isPending) {
    return <Spinner label={t('common.loading')} />;
  }
  if (product.isError) {
    const missing = isApiError(product.error) && (product.error.status === 404 || product.error.status === 400);
    return (
      <Page title={missing ? t('orders.new.productUnavailable') : t('orders.new.pageTitle')}>
        {missing ? (
          <EmptyState title={t('orders.new.productUnavailable')}>{t('orders.new.productUnavailableHint')}</EmptyState>
        ) : (
          <Alert tone="error">{errorMessage(product.error, t)}</Alert>
        )}
        <Link className="back-link" to="/catalog">
          {t('orders.browseCatalog')}
        </Link>
      </Page>
    );
  }
  const item = product.data;
  const kind = generationKindOfCategory(item.category);
  return (
    <Page
      title={t('orders.new.title', { product: item.name })}
      actions={
        <Link className="back-link" to={`/catalog/${item.id}`}>
          {t('orders.new.backToProduct')}
        </Link>
      }
    >
      <div className="card order-new">
        <ProductHeader product={item} />
        {kind ? (
          <GenerationOrderForm product={item} kind={kind} onPlaced={onPlaced} initialInput={handedOff} />
        ) : (
          <OrderForm product={item} onPlaced={onPlaced} />
        )}
      </div>
    </Page>
  );
}
