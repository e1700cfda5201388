import { useId } from 'react';
import { Link, useLocation } from 'react-router';
import { PRODUCT_SORTS, useProducts, type ProductSort } from '@/api/products';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { ListStates } from '@/components/ui/list-states';
import { ListTable } from '@/components/ui/list-table';
import { Page } from '@/components/ui/page';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { pageParam } from '@/lib/page';
import { useUrlParams, useUrlSearch } from '@/lib/url-state';
import { useProductEvents } from '../api/use-product-events';
import { CATEGORIES, isCategory, isProductStatus, STATUSES } from '../types';
import { ProductRow } from './product-row';

const PAGE_SIZE = 20;

function isSort(value: string | null): value is ProductSort {
  return (PRODUCT_SORTS as readonly string[]).includes(value ?? '');
}

/** Admin: every product of every status, searchable and filterable, with create, edit and archive. */
export function ProductsPage() {
  const { t, plural } = useI18n();
  const location = useLocation();
  const [params, update] = useUrlParams();
  const q = params.get('q') ?? '';
  const categoryParam = params.get('category');
  const category = isCategory(categoryParam) ? categoryParam : undefined;
  const statusParam = params.get('status');
  const status = isProductStatus(statusParam) ? statusParam : undefined;
  const sortParam = params.get('sort');
  const sort = isSort(sortParam) ? sortParam : 'createdAt,desc';
  const page = pageParam(params.get('page'));
  const [search, setSearch] = useUrlSearch(q, update);
  const ids = { search: useId(), category: useId(), status: useId(), sort: useId() };
  const products = useProducts({ q: q || undefined, category, status, sort, page, size: PAGE_SIZE });
  useProductEvents();
  const notice = (location.state as { notice?: string } | null)?.notice;

  const filtered = Boolean(q || category || status);
  return (
    <Page
      title={t('admin.products.title')}
      actions={
        <Link className="btn btn-primary" to="/admin/products/new">
          {t('admin.products.new')}
        </Link>
      }
    >
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <form className="filters product-filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={ids.search}>{t('admin.products.search')}</label>
          <input id={ids.search} type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.category}>{t('admin.products.category')}</label>
          <select
            id={ids.category}
            value={category ?? ''}
            onChange={(event) => update({ category: event.target.value || undefined, page: undefined })}
          >
            <option value="">{t('admin.products.allCategories')}</option>
            {CATEGORIES.map((value) => (
              <option key={value} value={value}>
                {t(`admin.products.categories.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.status}>{t('admin.products.status')}</label>
          <select
            id={ids.status}
            value={status ?? ''}
            onChange={(event) => update({ status: event.target.value || undefined, page: undefined })}
          >
            <option value="">{t('admin.products.allStatuses')}</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`admin.products.statuses.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.sort}>{t('admin.products.sort')}</label>
          <select
            id={ids.sort}
            value={sort}
            onChange={(event) =>
              update({ sort: event.target.value === 'createdAt,desc' ? undefined : event.target.value, page: undefined })
            }
          >
            {PRODUCT_SORTS.map((value) => (
              <option key={value} value={value}>
                {t(`admin.products.sorts.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </form>

      <ListStates
        query={products}
        empty={<EmptyState title={filtered ? t('admin.products.noMatches') : t('admin.products.empty')} />}
        onPage={(next) => update({ page: next > 0 ? String(next) : undefined })}
      >
        {(data) => (
          <>
            <p className="result-count" aria-live="polite">
              {plural('admin.products.count', data.total)}
            </p>
            <ListTable
              caption={t('admin.products.title')}
              columns={[
                t('admin.products.name'),
                t('admin.products.category'),
                t('admin.products.price'),
                t('admin.products.status'),
                t('admin.products.updated'),
              ]}
              actionsLabel={t('admin.products.actions')}
              className="products-table"
              wrapClassName="products-table-wrap"
              busy={products.isPlaceholderData}
            >
              {data.items.map((product) => (
                <ProductRow key={product.id} product={product} />
              ))}
            </ListTable>
          </>
        )}
      </ListStates>
    </Page>
  );
}
