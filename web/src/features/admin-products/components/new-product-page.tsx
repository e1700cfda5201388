import { Link, useNavigate } from 'react-router';
import { Page } from '@/components/ui/page';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { ProductForm } from './product-form';

export function NewProductPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Page title={t('admin.products.newTitle')} actions={<BackLink />}>
      <ProductForm
        onSaved={(product) =>
          navigate(`/admin/products/${product.id}`, {
            state: { notice: t('admin.products.createdNotice', { name: product.name }) },
          })
        }
      />
    </Page>
  );
}

export function BackLink() {
  const { t } = useI18n();
  return (
    <Link className="back-link" to="/admin/products">
      {t('admin.products.back')}
    </Link>
  );
}
