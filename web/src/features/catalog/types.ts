import { z } from 'zod';

/** API.md "Catalog": the product categories and statuses. */
export const CATEGORIES = [
  'ai_course_generation',
  'ai_document_generation',
  'ai_search_service',
  'business_consulting',
  'technical_support',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const moneySchema = z.object({
  amount: z.string().regex(/^-?\d+(\.\d+)?$/),
  currency: z.string().length(3),
});

/**
 * A product as API.md specifies it. The catalog endpoints are being built; once they are in the
 * server's OpenAPI document, add `assertSameShape<Product, ApiSchema<'…'>>(true)` here.
 */
export const productSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  price: moneySchema,
  // Unknown future values still render (as their raw name) instead of failing the whole page.
  category: z.string(),
  status: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string().nullable(),
});
export type Product = z.infer<typeof productSchema>;

export function isCategory(value: string | null | undefined): value is Category {
  return (CATEGORIES as readonly string[]).includes(value ?? '');
}
