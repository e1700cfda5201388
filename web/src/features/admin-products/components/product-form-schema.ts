import { z } from 'zod';
import type { ApiSchema } from '@/api/openapi';
import { CATEGORIES, isCategory, isProductStatus, minorUnits, STATUSES, type Product } from '../types';

/** docs/api.md "Catalog" › Validation — the same limits as the server's ProductController and Money. */
export const NAME_MAX = 255;
export const DESCRIPTION_MAX = 10_000;
const AMOUNT = /^[0-9]{1,12}(\.[0-9]{1,12})?$/;
/** 99 999 999.99, the largest amount a DECIMAL(10,2) column holds, in hundredths. */
const MAX_CENTS = 9_999_999_999n;

/** Characters as the server counts them: code points, not UTF-16 units. */
function length(text: string): number {
  return [...text].length;
}

/** The decimal string's value in units of 10^-12, exactly (no binary floats for money). */
function scaled(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole) * 10n ** 12n + BigInt(fraction.padEnd(12, '0').slice(0, 12) || '0');
}

/** Decimal places that matter: "49.90" has one, "5000.00" none. */
function decimals(amount: string): number {
  const fraction = amount.split('.')[1] ?? '';
  return fraction.replace(/0+$/, '').length;
}

/** Amount and currency together: the amount's decimals depend on the currency. */
const priceSchema = z.object({ amount: z.string().trim(), currency: z.string() }).superRefine(({ amount, currency }, context) => {
  const issue = (field: 'amount' | 'currency', message: string) => context.addIssue({ code: 'custom', path: [field], message });
  const validCurrency = /^[A-Z]{3}$/.test(currency);
  if (!validCurrency) {
    issue('currency', 'admin.products.validation.currencyRequired');
  }
  if (amount === '') {
    issue('amount', 'admin.products.validation.amountRequired');
  } else if (!AMOUNT.test(amount)) {
    issue('amount', 'admin.products.validation.amountInvalid');
  } else if (scaled(amount) === 0n) {
    issue('amount', 'admin.products.validation.amountNotPositive');
  } else if (scaled(amount) > MAX_CENTS * 10n ** 10n) {
    issue('amount', 'admin.products.validation.amountTooLarge');
  } else if (validCurrency && decimals(amount) > minorUnits(currency)) {
    issue(
      'amount',
      minorUnits(currency) === 0 ? 'admin.products.validation.amountWhole' : 'admin.products.validation.amountDecimals',
    );
  }
});

export const productFormSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'admin.products.validation.nameRequired')
    .refine((name) => length(name) <= NAME_MAX, 'admin.products.validation.nameTooLong'),
  description: z.string().refine((text) => length(text) <= DESCRIPTION_MAX, 'admin.products.validation.descriptionTooLong'),
  price: priceSchema,
  category: z.enum(CATEGORIES, 'admin.products.validation.categoryRequired'),
  status: z.enum(STATUSES, 'admin.products.validation.statusRequired'),
});

export type ProductFormInput = z.input<typeof productFormSchema>;
export type ProductFormValues = z.output<typeof productFormSchema>;

/** The fields the server names in a 400's `errors[]`, as the form's field paths. */
export const FORM_FIELDS = ['name', 'description', 'price.amount', 'price.currency', 'category', 'status'] as const;

export const EMPTY_FORM: ProductFormInput = {
  name: '',
  description: '',
  price: { amount: '', currency: 'USD' },
  // Left unset so the admin chooses it; the schema asks for one.
  category: '' as ProductFormInput['category'],
  status: 'draft',
};

export function formValuesOf(product: Product): ProductFormInput {
  return {
    name: product.name,
    description: product.description ?? '',
    price: { ...product.price },
    // A value this UI does not know yet is left unset, so the admin chooses one.
    category: isCategory(product.category) ? product.category : EMPTY_FORM.category,
    status: isProductStatus(product.status) ? product.status : ('' as ProductFormInput['status']),
  };
}

/** What POST and PUT take (`ProductRequest`; a null description clears it, the version goes in If-Match). */
export type ProductRequest = Omit<ApiSchema<'ProductRequest'>, 'description' | 'version'> & {
  description: string | null;
};

/** The request body: a blank description is none. */
export function requestOf(values: ProductFormValues): ProductRequest {
  return {
    name: values.name,
    description: values.description.trim() === '' ? null : values.description,
    price: { amount: values.price.amount, currency: values.price.currency },
    category: values.category,
    status: values.status,
  };
}
