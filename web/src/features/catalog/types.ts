import { lenientProductSchema, type LenientProduct } from '@/api/schemas/product';

export { CATEGORIES, isCategory, type Category } from '@/api/schemas/product';

/** A product as the catalog reads it: an unknown future category or status still renders. */
export const productSchema = lenientProductSchema;
export type Product = LenientProduct;
