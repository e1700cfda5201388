import { Button } from '@/components/ui/button';
import type { MessageKey } from '@/lib/i18n/catalogue';
import { useI18n } from '@/lib/i18n/i18n-provider';
import type { Product } from '../types';
import { formValuesOf, type ProductFormInput } from './product-form-schema';
import { categoryLabel, statusLabel } from './status-badge';

type Difference = { label: MessageKey; theirs: string; yours: string };

/**
 * Explains a 409 `version_conflict`: someone else saved the product after this form was opened, so
 * the save was refused and nothing of it applied. Shows what they changed against what is in the
 * form, and offers to continue from their version or to save these values over it.
 */
export function VersionConflict({
  mine,
  theirs,
  theirVersion,
  values,
  busy,
  onLoadTheirs,
  onOverwrite,
}: {
  mine: Product;
  theirs: Product | undefined;
  theirVersion: number;
  values: ProductFormInput;
  busy: boolean;
  onLoadTheirs: () => void;
  onOverwrite: () => void;
}) {
  const { t, money } = useI18n();
  const category = (value: string) => (value ? categoryLabel(value, t) : '—');
  const status = (value: string) => (value ? statusLabel(value, t) : '—');

  const differences: Difference[] = [];
  if (theirs) {
    const their = formValuesOf(theirs);
    const add = (label: MessageKey, a: string, b: string, show: (value: string) => string = (value) => value || '—') => {
      if (a !== b) differences.push({ label, theirs: show(a), yours: show(b) });
    };
    add('admin.products.name', their.name, values.name.trim());
    add('admin.products.description', their.description, values.description);
    const theirPrice = money(theirs.price);
    const amount = values.price.amount.trim();
    const yourPrice = /^\d+(\.\d+)?$/.test(amount)
      ? money({ amount, currency: values.price.currency })
      : `${amount} ${values.price.currency}`;
    if (their.price.currency !== values.price.currency || Number(their.price.amount) !== Number(values.price.amount)) {
      differences.push({ label: 'admin.products.price', theirs: theirPrice, yours: yourPrice });
    }
    add('admin.products.category', their.category, values.category, category);
    add('admin.products.status', their.status, values.status, status);
  }

  return (
    <div className="alert alert-error version-conflict" role="alert">
      <p className="alert-title">{t('admin.products.conflictTitle')}</p>
      <p>{t('admin.products.conflictBody', { mine: mine.version, theirs: theirVersion })}</p>
      {differences.length > 0 ? (
        <table className="table conflict-table">
          <caption>{t('admin.products.conflictDifferences')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.products.field')}</th>
              <th scope="col">{t('admin.products.theirVersion')}</th>
              <th scope="col">{t('admin.products.yourVersion')}</th>
            </tr>
          </thead>
          <tbody>
            {differences.map((difference) => (
              <tr key={difference.label}>
                <th scope="row">{t(difference.label)}</th>
                <td className="break">{difference.theirs}</td>
                <td className="break">{difference.yours}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="form-actions">
        <Button variant="primary" onClick={onLoadTheirs} disabled={!theirs || busy}>
          {t('admin.products.loadTheirs')}
        </Button>
        <Button variant="secondary" onClick={onOverwrite} disabled={!theirs} busy={busy}>
          {t('admin.products.overwrite')}
        </Button>
      </div>
    </div>
  );
}
