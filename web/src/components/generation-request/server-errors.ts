import type { FieldValues, Path, UseFormGetValues, UseFormSetError } from 'react-hook-form';
import { isApiError } from '@/lib/problem';
import { FIELDS_OF_KIND, type GenerationKind } from './schema';

/**
 * The form field of a server field error about the request (`input.topic`,
 * `input.learningObjectives[1]`, `input.dataPoints.Revenue`), or null when it names none of the form's
 * fields (such as `input` itself). `prefix` is where the sub-form sits in its form (`'input'`, or `''`
 * when it is the whole form); `dataPointNames` are the names of the data point rows, in order.
 */
export function generationRequestFieldPath(
  kind: GenerationKind,
  serverField: string,
  prefix: string,
  dataPointNames: readonly string[] = [],
): string | null {
  const match = /^input\.([A-Za-z]+)(.*)$/.exec(serverField);
  if (!match) return null;
  const [, field, rest = ''] = match;
  if (!(FIELDS_OF_KIND[kind] as readonly string[]).includes(field!)) return null;
  const at = (path: string) => (prefix ? `${prefix}.${path}` : path);
  if (field === 'learningObjectives') {
    const item = /^\[(\d+)\]/.exec(rest);
    return item ? at(`learningObjectives.${item[1]}.value`) : at('learningObjectives');
  }
  if (field === 'dataPoints') {
    if (rest === '') return at('dataPoints');
    const named = rest.slice(1);
    const index = dataPointNames.findIndex((name) => named === name.trim() || named.startsWith(`${name.trim()}[`));
    return index >= 0 ? at(`dataPoints.${index}.value`) : at('dataPoints');
  }
  return at(field!);
}

/**
 * Puts the field errors of a 422 `invalid_input` (or a 400) on the request's fields and on the
 * `otherFields` of the surrounding form (matched by name, as `applyServerErrors` does). Returns what
 * is left to show above the form: the problem's message when some error found no field, else null.
 */
export function applyGenerationRequestErrors<T extends FieldValues>(
  error: unknown,
  options: {
    kind: GenerationKind;
    setError: UseFormSetError<T>;
    getValues: UseFormGetValues<T>;
    /** Where the sub-form sits in the form: `'input'` when nested under that name; `''` when it is the form. */
    prefix?: string;
    otherFields?: readonly Path<T>[];
  },
): string | null {
  if (!isApiError(error)) {
    return error instanceof Error ? error.message : String(error);
  }
  const prefix = options.prefix ?? '';
  const rows = options.getValues((prefix ? `${prefix}.dataPoints` : 'dataPoints') as Path<T>) as unknown;
  const names = Array.isArray(rows) ? rows.map((row: { name?: unknown }) => (typeof row?.name === 'string' ? row.name : '')) : [];
  let placed = 0;
  let focused = false;
  error.fieldErrors.forEach(({ field, message }) => {
    const path =
      generationRequestFieldPath(options.kind, field, prefix, names) ??
      (options.otherFields ?? []).find((candidate) => candidate === field) ??
      null;
    if (path !== null) {
      options.setError(path as Path<T>, { type: 'server', message }, { shouldFocus: !focused });
      focused = true;
      placed += 1;
    }
  });
  return placed > 0 && placed === error.fieldErrors.length ? null : error.message;
}
