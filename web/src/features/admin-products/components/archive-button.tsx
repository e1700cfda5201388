import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { useArchiveProduct } from '../api/save-product';
import type { Product } from '../types';
import { ConfirmDialog } from './confirm-dialog';

/** Archive, after a confirmation that says what it does; the error, if any, stays next to the button. */
export function ArchiveButton({ product, onArchived }: { product: Product; onArchived?: () => void }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const archive = useArchiveProduct();

  async function confirm() {
    try {
      await archive.mutateAsync(product.id);
      setConfirming(false);
      onArchived?.();
    } catch {
      setConfirming(false);
    }
  }

  return (
    <>
      <Button
        variant="secondary"
        aria-label={t('admin.products.archiveNamed', { name: product.name })}
        onClick={() => {
          archive.reset();
          setConfirming(true);
        }}
      >
        {t('admin.products.archive')}
      </Button>
      {archive.isError ? <Alert tone="error">{errorMessage(archive.error, t)}</Alert> : null}
      {confirming ? (
        <ConfirmDialog
          title={t('admin.products.archiveTitle', { name: product.name })}
          confirmLabel={t('admin.products.archiveConfirm')}
          cancelLabel={t('admin.products.archiveKeep')}
          busy={archive.isPending}
          onConfirm={confirm}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('admin.products.archiveBody')}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
