import { Link } from 'react-router';
import { useProducts } from '@/api/products';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { useI18n } from '@/lib/i18n/i18n-provider';

/**
 * For a customer without running search access: what the plan gives and the catalog's Content Search
 * products to buy it (their order grants access at once, docs/api.md "Search access").
 */
export function SearchPlanOffer() {
  const { t, money } = useI18n();
  const plans = useProducts({ category: 'ai_search_service', sort: 'price,asc', page: 0, size: 10 });
  const items = plans.data?.items ?? [];
  return (
    <section className="card search-offer" aria-labelledby="search-offer-title">
      <h2 id="search-offer-title">{t('library.offer.title')}</h2>
      <p>{t('library.offer.body')}</p>
      <ul className="search-offer-points">
        <li>{t('library.offer.point.upload')}</li>
        <li>{t('library.offer.point.ask')}</li>
        <li>{t('library.offer.point.search')}</li>
      </ul>
      {plans.isPending ? <Spinner label={t('common.loading')} /> : null}
      {items.length > 0 ? (
        <ul className="search-offer-plans">
          {items.map((plan) => (
            <li key={plan.id}>
              <Link to={`/catalog/${encodeURIComponent(plan.id)}`} className="btn btn-primary">
                {t('library.offer.buy', { name: plan.name })}
              </Link>{' '}
              <span className="price">{money(plan.price)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {!plans.isPending && items.length === 0 ? (
        <EmptyState title={t('library.offer.noPlans')}>
          <p>
            <Link to="/catalog?category=ai_search_service">{t('library.offer.catalog')}</Link>
          </p>
        </EmptyState>
      ) : null}
    </section>
  );
}
