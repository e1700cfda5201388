import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextAreaField, TextField } from '@/components/ui/fields';
import { applyServerErrors } from '@/lib/form';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { isApiError } from '@/lib/problem';
import { useCreateProduct, useReplaceProduct } from '../api/save-product';
import { CATEGORIES, currencyOptions, minorUnits, STATUSES, type Product } from '../types';
import {
  DESCRIPTION_MAX,
  EMPTY_FORM,
  FORM_FIELDS,
  formValuesOf,
  productFormSchema,
  requestOf,
  type ProductFormInput,
  type ProductFormValues,
} from './product-form-schema';
import { VersionConflict } from './version-conflict';

type Props = {
  /** The version being edited; none: a new product. */
  product?: Product | undefined;
  /** The newest version known (kept live by product events); newer than `product` when someone else saved. */
  latest?: Product | undefined;
  onSaved: (product: Product) => void;
  /** Continue from the newest version, dropping the unsaved changes. */
  onLoadLatest?: () => void;
  /** The server refused a stale version: read the current one. */
  onConflict?: () => void;
  actions?: ReactNode;
};

/** Create or edit a product: the server's rules checked before sending, its field errors shown inline. */
export function ProductForm({ product, latest, onSaved, onLoadLatest, onConflict, actions }: Props) {
  const { t, message, number } = useI18n();
  const create = useCreateProduct();
  const replace = useReplaceProduct();
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<number | null>(null);
  const form = useForm<ProductFormInput, unknown, ProductFormValues>({
    resolver: zodResolver(productFormSchema),
    defaultValues: product ? formValuesOf(product) : EMPTY_FORM,
  });
  const { errors, isSubmitting } = form.formState;
  const currency = form.watch('price.currency');
  const digits = minorUnits(currency);

  // A new base version (saved, or theirs loaded): the form starts over from it.
  useEffect(() => {
    if (product) {
      form.reset(formValuesOf(product));
      setConflict(null);
      setFormError(null);
    }
  }, [product?.id, product?.version]); // eslint-disable-line react-hooks/exhaustive-deps

  async function save(values: ProductFormValues, version: number | undefined) {
    setFormError(null);
    try {
      const saved = product
        ? await replace.mutateAsync({ id: product.id, version: version ?? product.version, body: requestOf(values) })
        : await create.mutateAsync(requestOf(values));
      setConflict(null);
      onSaved(saved);
    } catch (error) {
      if (isApiError(error) && error.code === 'version_conflict') {
        const current = error.body.currentVersion;
        setConflict(typeof current === 'number' ? current : (latest?.version ?? 0));
        onConflict?.();
        return;
      }
      const rest = applyServerErrors(error, FORM_FIELDS, form.setError);
      setFormError(rest === null ? null : isApiError(error) && error.fieldErrors.length === 0 ? errorMessage(error, t) : rest);
    }
  }

  const submit = form.handleSubmit((values) => save(values, undefined));
  const overwrite = form.handleSubmit((values) => save(values, latest?.version ?? conflict ?? undefined));
  const newer = product && latest && latest.version > product.version ? latest : undefined;

  return (
    <form
      className="form product-form card"
      onSubmit={submit}
      noValidate
      aria-label={t(product ? 'admin.products.editForm' : 'admin.products.newForm')}
    >
      {conflict !== null && product ? (
        <VersionConflict
          mine={product}
          theirs={newer}
          theirVersion={newer?.version ?? conflict}
          values={form.getValues()}
          busy={isSubmitting}
          onLoadTheirs={() => onLoadLatest?.()}
          onOverwrite={() => void overwrite()}
        />
      ) : null}
      {conflict === null && newer ? (
        <Alert tone="info" title={t('admin.products.newerTitle')}>
          <p>{t('admin.products.newerBody', { version: newer.version })}</p>
          <Button variant="secondary" onClick={() => onLoadLatest?.()}>
            {t('admin.products.loadTheirs')}
          </Button>
        </Alert>
      ) : null}
      {formError ? <Alert tone="error">{formError}</Alert> : null}

      <TextField
        label={t('admin.products.name')}
        autoComplete="off"
        error={message(errors.name?.message)}
        {...form.register('name')}
      />
      <TextAreaField
        label={t('admin.products.description')}
        rows={5}
        hint={t('admin.products.descriptionHint', { max: number(DESCRIPTION_MAX) })}
        error={message(errors.description?.message)}
        {...form.register('description')}
      />
      <fieldset className="price-fields">
        <legend>{t('admin.products.price')}</legend>
        <TextField
          label={t('admin.products.amount')}
          inputMode={digits === 0 ? 'numeric' : 'decimal'}
          autoComplete="off"
          hint={
            digits === 0
              ? t('admin.products.amountHintWhole', { currency })
              : t('admin.products.amountHint', { currency, digits })
          }
          error={message(errors.price?.amount?.message)}
          {...form.register('price.amount')}
        />
        <SelectField
          label={t('admin.products.currency')}
          error={message(errors.price?.currency?.message)}
          {...form.register('price.currency')}
        >
          {currencyOptions(product?.price.currency).map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </SelectField>
      </fieldset>
      <div className="form-row">
        <SelectField
          label={t('admin.products.category')}
          error={message(errors.category?.message)}
          {...form.register('category')}
        >
          <option value="">{t('admin.products.chooseCategory')}</option>
          {CATEGORIES.map((value) => (
            <option key={value} value={value}>
              {t(`admin.products.categories.${value}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('admin.products.status')}
          hint={t('admin.products.statusHint')}
          error={message(errors.status?.message)}
          {...form.register('status')}
        >
          {STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`admin.products.statuses.${value}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="form-actions">
        <Button type="submit" busy={isSubmitting}>
          {product ? t('admin.products.save') : t('admin.products.create')}
        </Button>
        {actions}
      </div>
    </form>
  );
}
