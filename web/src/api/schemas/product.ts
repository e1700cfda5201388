import { z } from 'zod';
import { assertSameKeys, type ApiSchema } from '@/api/openapi';
import { moneySchema } from './money';

/** docs/api.md "Catalog": the values the server accepts for a product's category and status. */
export const CATEGORIES = [
  'ai_course_generation',
  'ai_document_generation',
  'ai_search_service',
  'business_consulting',
  'technical_support',
] as const satisfies readonly ApiSchema<'Product'>['category'][];
export type Category = (typeof CATEGORIES)[number];

export const PRODUCT_STATUSES = ['active', 'draft', 'archived'] as const satisfies readonly ApiSchema<'Product'>['status'][];
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export function isCategory(value: string | null | undefined): value is Category {
  return (CATEGORIES as readonly string[]).includes(value ?? '');
}

export function isProductStatus(value: string | null | undefined): value is ProductStatus {
  return (PRODUCT_STATUSES as readonly string[]).includes(value ?? '');
}

/**
 * A product as the server renders it (`Product` in the OpenAPI document, whose generator does not
 * mark nullable fields and calls the money amount a number; the server sends a decimal string).
 * Category and status are read as strings: an unknown future value still renders (as its raw name)
 * instead of failing the page — `isCategory`/`isProductStatus` narrow them where a form needs to.
 */
export const productSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  price: moneySchema,
  category: z.string(),
  status: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string().nullable(),
});
export type Product = z.infer<typeof productSchema>;
assertSameKeys<Product, ApiSchema<'Product'>>(true);
