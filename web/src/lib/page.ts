import { z } from 'zod';

/** The API's one list shape: `{items, page, size, total}`. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int(),
    size: z.number().int(),
    total: z.number().int(),
  });
}

export type Page<T> = { items: T[]; page: number; size: number; total: number };

/** A page number from the URL: a non-negative integer, else the first page. */
export function pageParam(value: string | null): number {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : 0;
}
