import { z } from 'zod';
import type { ApiSchema } from '@/api/openapi';

/** docs/api.md "Catalog": the values the server accepts for a product's category and status. */
export const CATEGORIES = [
  'ai_course_generation',
  'ai_document_generation',
  'ai_search_service',
  'business_consulting',
  'technical_support',
] as const satisfies readonly ApiSchema<'Product'>['category'][];
export type Category = (typeof CATEGORIES)[number];

export const STATUSES = ['active', 'draft', 'archived'] as const satisfies readonly ApiSchema<'Product'>['status'][];
export type ProductStatus = (typeof STATUSES)[number];

/**
 * The currencies the form offers, with their ISO 4217 minor units (what `java.util.Currency` says and
 * the server enforces: "49.99" in USD, "5000" in JPY). The server takes any code with at most two
 * minor units; a product in another currency keeps it (see `currencyOptions`).
 */
export const CURRENCY_MINOR_UNITS: Record<string, number> = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  JPY: 0,
  CHF: 2,
  CAD: 2,
  AUD: 2,
  SGD: 2,
};
export const CURRENCIES = Object.keys(CURRENCY_MINOR_UNITS);

/** Minor units of any currency: the table above, else what the browser knows (2 for unknown codes). */
export function minorUnits(currency: string): number {
  const known = CURRENCY_MINOR_UNITS[currency];
  if (known !== undefined) {
    return known;
  }
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** The offered currencies plus the product's own when it is another one. */
export function currencyOptions(current: string | undefined): string[] {
  return current && !CURRENCIES.includes(current) ? [...CURRENCIES, current] : CURRENCIES;
}

export function isCategory(value: string | null | undefined): value is Category {
  return (CATEGORIES as readonly string[]).includes(value ?? '');
}

export function isProductStatus(value: string | null | undefined): value is ProductStatus {
  return (STATUSES as readonly string[]).includes(value ?? '');
}

const moneySchema = z.object({
  amount: z.string().regex(/^-?\d+(\.\d+)?$/),
  currency: z.string().length(3),
});

/**
 * A product as the server renders it (`Product` in the OpenAPI document, whose generator does not
 * mark nullable fields and calls the money amount a number; the server sends a decimal string).
 */
export const productSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  price: moneySchema,
  category: z.enum(CATEGORIES),
  status: z.enum(STATUSES),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string().nullable(),
});
export type Product = z.infer<typeof productSchema>;

/** Compile-time check that the schema names exactly the document's fields (types differ as said above). */
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const productKeysMatch: SameKeys<Product, ApiSchema<'Product'>> = true;
void productKeysMatch;
