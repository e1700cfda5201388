import { useId } from 'react';
import { Link } from 'react-router';
import { useProducts } from '@/api/products';
import { generationHandoff } from '@/components/generation-request/handoff';
import { CATEGORY_OF_KIND, type GenerationInput, type GenerationKind } from '@/components/generation-request/schema';
import { Alert } from '@/components/ui/alert';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';

/**
 * The studio is a trial: once the allowance has no room, the catalog's products of the same kind are
 * offered, each linking to its order form filled in with the request the studio refused.
 */
export function OrderInstead({ kind, input }: { kind: GenerationKind; input: GenerationInput }) {
  const { t, money } = useI18n();
  const headingId = useId();
  const products = useProducts({ category: CATEGORY_OF_KIND[kind], sort: 'price,asc', page: 0, size: 5 });
  const items = products.data?.items ?? [];
  return (
    <section className="studio-order-instead" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('studio.orderInstead.title')}</h3>
      <p>{t(`studio.orderInstead.lead.${kind}`)}</p>
      {products.isPending ? <Spinner label={t('common.loading')} /> : null}
      {products.isError ? <Alert tone="error">{errorMessage(products.error, t)}</Alert> : null}
      {items.length > 0 ? (
        <ul className="studio-order-instead-list">
          {items.map((product) => (
            <li key={product.id}>
              <Link to={`/orders/new?productId=${encodeURIComponent(product.id)}`} state={generationHandoff(input)}>
                {t('studio.orderInstead.order', { product: product.name })}
              </Link>{' '}
              <span className="price">{money(product.price)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {products.isSuccess && items.length === 0 ? <Link to="/catalog">{t('studio.orderInstead.browse')}</Link> : null}
    </section>
  );
}
