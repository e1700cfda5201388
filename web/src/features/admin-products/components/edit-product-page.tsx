import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useProduct } from '@/api/products';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { Page } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { isApiError } from '@/lib/problem';
import { useProductEvents } from '../api/use-product-events';
import type { Product } from '../types';
import { ArchiveButton } from './archive-button';
import { BackLink } from './new-product-page';
import { ProductForm } from './product-form';
import { StatusBadge } from './status-badge';

/**
 * Edits one product. The form works on the version it was opened with (`base`); the cached product
 * follows every change live, so a newer version by someone else is announced before a save fails.
 */
export function EditProductPage() {
  const { productId = '' } = useParams();
  const { t, dateTime } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const product = useProduct(productId);
  useProductEvents();
  const [base, setBase] = useState<Product | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>((location.state as { notice?: string } | null)?.notice);

  if (product.data && (!base || base.id !== product.data.id)) {
    // The first version read (or another product's) becomes the base, in this render.
    setBase(product.data);
  }

  if (product.isPending || (product.data && !base)) {
    return <Spinner label={t('common.loading')} />;
  }
  if (product.isError && !base) {
    const missing = isApiError(product.error) && product.error.status === 404;
    return (
      <Page title={t('admin.products.notFound')} actions={<BackLink />}>
        {missing ? (
          <EmptyState title={t('admin.products.notFound')} />
        ) : (
          <Alert tone="error">{errorMessage(product.error, t)}</Alert>
        )}
      </Page>
    );
  }
  if (!base) {
    return null;
  }

  const latest = product.data;
  return (
    <Page title={t('admin.products.editTitle', { name: base.name })} actions={<BackLink />}>
      <p className="product-meta muted">
        <StatusBadge status={latest?.status ?? base.status} />{' '}
        {t('admin.products.versionInfo', {
          version: base.version,
          updated: dateTime(base.updatedAt ?? base.createdAt),
        })}
      </p>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <ProductForm
        product={base}
        latest={latest}
        onSaved={(saved) => {
          setBase(saved);
          setNotice(t('admin.products.savedNotice', { version: saved.version }));
        }}
        onLoadLatest={() => {
          if (latest) {
            setBase(latest);
            setNotice(t('admin.products.loadedNotice', { version: latest.version }));
          }
        }}
        onConflict={() => {
          setNotice(undefined);
          void product.refetch();
        }}
        actions={
          base.status !== 'archived' ? (
            <ArchiveButton
              product={base}
              onArchived={() =>
                navigate('/admin/products', { state: { notice: t('admin.products.archivedNotice', { name: base.name }) } })
              }
            />
          ) : null
        }
      />
    </Page>
  );
}
