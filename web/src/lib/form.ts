import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { isApiError } from './problem';

/**
 * Puts the field errors of a 400 problem on the form's fields. Returns what is left to show above
 * the form: the problem's message when no field took it, else nothing.
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  fields: readonly Path<T>[],
  setError: UseFormSetError<T>,
): string | null {
  if (!isApiError(error)) {
    return error instanceof Error ? error.message : String(error);
  }
  let placed = 0;
  let focused = false;
  error.fieldErrors.forEach(({ field, message }) => {
    const name = fields.find((candidate) => candidate === field);
    if (name) {
      setError(name, { type: 'server', message }, { shouldFocus: !focused });
      focused = true;
      placed += 1;
    }
  });
  return placed > 0 && placed === error.fieldErrors.length ? null : error.message;
}
