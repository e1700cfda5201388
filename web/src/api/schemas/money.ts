import { z } from 'zod';

/** An amount of money as the server sends it: a decimal string and an ISO 4217 code. */
export const moneySchema = z.object({
  amount: z.string().regex(/^-?\d+(\.\d+)?$/),
  currency: z.string().length(3),
});

/**
 * The currencies a product form offers, with their ISO 4217 minor units (what `java.util.Currency`
 * says and the server enforces: "49.99" in USD, "5000" in JPY). The server takes any code with at
 * most two minor units; a product in another currency keeps it (see `currencyOptions`).
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
