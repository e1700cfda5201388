import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { applyServerErrors } from '@/lib/form';
import { errorMessage } from '@/lib/i18n/error-message';
import type { Translate } from '@/lib/i18n/i18n-provider';
import { ApiError, isApiError } from '@/lib/problem';

/** Free-text notes travel as the order's `input`: its errors belong on the notes field. */
export const notesForInput = (field: string) => (field === 'input' ? 'notes' : field);

type Options<T extends FieldValues> = {
  /** The form's fields that can take a server error. */
  fields: readonly Path<T>[];
  setError: UseFormSetError<T>;
  /** Maps a server field name to the form's. */
  rename?: (field: string) => string;
  /** Puts the field errors on the form instead of the plain mapping (the generation request's `input.*`). */
  applyFieldErrors?: (error: ApiError) => string | null;
};

/**
 * Puts the answer of a refused order on the form: a too large total on the quantity, field errors
 * (400 `validation_failed`, 422 `invalid_input` named `input.<field>`) inline on their fields,
 * anything else as the message above the form. Returns that message, or null when every error found
 * its field.
 */
export function applyOrderErrors<T extends FieldValues>(error: unknown, t: Translate, options: Options<T>): string | null {
  const { fields, setError, rename = (field) => field } = options;
  if (!isApiError(error)) {
    return errorMessage(error, t);
  }
  if (error.code === 'total_too_large' && fields.includes('quantity' as Path<T>)) {
    setError('quantity' as Path<T>, { type: 'server', message: t('orders.error.totalTooLarge') }, { shouldFocus: true });
    return null;
  }
  if (error.code === 'product_unavailable') {
    return t('orders.error.productUnavailable');
  }
  if (error.fieldErrors.length === 0) {
    return errorMessage(error, t);
  }
  if (options.applyFieldErrors) {
    return options.applyFieldErrors(error);
  }
  const renamed = new ApiError({
    status: error.status,
    code: error.code,
    title: error.title,
    detail: error.message,
    fieldErrors: error.fieldErrors.map(({ field, message }) => ({ field: rename(field), message })),
    body: error.body,
  });
  return applyServerErrors(renamed, fields, setError);
}
