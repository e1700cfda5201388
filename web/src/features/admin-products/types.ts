/** docs/api.md "Catalog": the product shapes and values, shared with the other features. */
export {
  CATEGORIES,
  PRODUCT_STATUSES as STATUSES,
  isCategory,
  isProductStatus,
  productSchema,
  type Category,
  type Product,
  type ProductStatus,
} from '@/api/schemas/product';
export { CURRENCIES, CURRENCY_MINOR_UNITS, currencyOptions, minorUnits } from '@/api/schemas/money';
