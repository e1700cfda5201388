import { useId } from 'react';
import { useProducts } from '@/api/products';
import { EmptyState } from '@/components/ui/empty-state';
import { ListStates, type ListQuery } from '@/components/ui/list-states';
import { Page } from '@/components/ui/page';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { pageParam } from '@/lib/page';
import { isApiError } from '@/lib/problem';
import { useUrlParams, useUrlSearch } from '@/lib/url-state';
import { CATEGORIES, isCategory, type Product } from '../types';
import { ProductCard } from './product-card';

const PAGE_SIZE = 12;
const SEARCH_DELAY_MS = 300;
const NO_CATALOG: ListQuery<Product> = {
  isPending: false,
  isError: false,
  error: null,
  data: { items: [], page: 0, size: PAGE_SIZE, total: 0 },
};

/** The catalog: search, category filter and paging, all kept in the URL so a link reproduces the view. */
export function CatalogPage() {
  const { t, plural } = useI18n();
  const [params, update] = useUrlParams();
  const q = params.get('q') ?? '';
  const categoryParam = params.get('category');
  const category = isCategory(categoryParam) ? categoryParam : undefined;
  const page = pageParam(params.get('page'));
  const [search, setSearch] = useUrlSearch(q, update, SEARCH_DELAY_MS);
  const searchId = useId();
  const categoryId = useId();

  const products = useProducts({ q: q || undefined, category, page, size: PAGE_SIZE });

  // The list endpoint answering 404 means this server has no catalog yet: an empty catalog, not an error.
  const notDeployed = products.isError && isApiError(products.error) && products.error.status === 404;

  return (
    <Page title={t('catalog.title')}>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={searchId}>{t('catalog.search')}</label>
          <input
            id={searchId}
            type="search"
            value={search}
            placeholder={t('catalog.searchPlaceholder')}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={categoryId}>{t('catalog.category')}</label>
          <select
            id={categoryId}
            value={category ?? ''}
            onChange={(event) => update({ category: event.target.value || undefined, page: undefined })}
          >
            <option value="">{t('catalog.allCategories')}</option>
            {CATEGORIES.map((value) => (
              <option key={value} value={value}>
                {t(`catalog.categories.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </form>

      <ListStates
        query={notDeployed ? NO_CATALOG : products}
        empty={
          <EmptyState title={q || category ? t('catalog.noMatches') : t('catalog.empty')}>
            {q || category ? t('catalog.noMatchesHint') : t('catalog.emptyHint')}
          </EmptyState>
        }
        onPage={(next) => update({ page: next > 0 ? String(next) : undefined })}
      >
        {(data) => (
          <>
            <p className="result-count" aria-live="polite">
              {plural('catalog.resultCount', data.total)}
            </p>
            <ul className="product-grid" aria-busy={products.isPlaceholderData || undefined}>
              {data.items.map((product) => (
                <li key={product.id}>
                  <ProductCard product={product} />
                </li>
              ))}
            </ul>
          </>
        )}
      </ListStates>
    </Page>
  );
}
