import { Link, useParams } from 'react-router';
import { useProduct } from '@/api/products';
import { isProductStatus } from '@/api/schemas/product';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { Page } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import { useUser } from '@/lib/auth/get-me';
import { hasRole } from '@/lib/auth/user';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { isApiError } from '@/lib/problem';
import { CategoryLabel } from './category-label';

export function ProductDetailPage() {
  const { productId = '' } = useParams();
  const { t, money, dateTime } = useI18n();
  const product = useProduct(productId);
  // Customers only ever see active products: the status is news to an admin alone.
  const admin = hasRole(useUser().data, 'admin');
  const back = (
    <Link className="back-link" to="/catalog">
      {t('catalog.backToCatalog')}
    </Link>
  );

  if (product.isPending) {
    return <Spinner label={t('common.loading')} />;
  }
  if (product.isError) {
    const missing = isApiError(product.error) && product.error.status === 404;
    return (
      <Page title={missing ? t('catalog.productNotFound') : t('catalog.title')}>
        {missing ? (
          <EmptyState title={t('catalog.productNotFound')}>{t('catalog.productNotFoundHint')}</EmptyState>
        ) : (
          <Alert tone="error">{errorMessage(product.error, t)}</Alert>
        )}
        {back}
      </Page>
    );
  }
  const item = product.data;
  return (
    <Page title={item.name} actions={back}>
      <article className="card product-detail">
        <CategoryLabel category={item.category} />
        <p className="price price-large">{money(item.price)}</p>
        {item.description ? <p className="product-description">{item.description}</p> : null}
        <dl className="details">
          {admin ? (
            <>
              <dt>{t('catalog.status')}</dt>
              <dd>{isProductStatus(item.status) ? t(`admin.products.statuses.${item.status}`) : item.status}</dd>
            </>
          ) : null}
          <dt>{t('catalog.listedSince')}</dt>
          <dd>{dateTime(item.createdAt)}</dd>
        </dl>
        {item.status === 'active' ? (
          <p>
            <Link className="btn btn-primary" to={`/orders/new?productId=${encodeURIComponent(item.id)}`}>
              {t('orders.orderProduct')}
            </Link>
          </p>
        ) : null}
      </article>
    </Page>
  );
}
