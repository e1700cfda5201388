/** Money as the API sends it: a decimal string and an ISO 4217 currency. */
export type Money = { amount: string; currency: string };

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Formats money per locale without ever turning the amount into a binary float: Intl.NumberFormat
 * takes the decimal string itself and rounds it exactly to the currency's minor units.
 */
export function formatMoney(money: Money, locale: string): string {
  if (!DECIMAL.test(money.amount)) {
    return `${money.amount} ${money.currency}`;
  }
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency }).format(
      money.amount as Intl.StringNumericLiteral,
    );
  } catch {
    return `${money.amount} ${money.currency}`;
  }
}

export function formatNumber(value: number | bigint, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatDate(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}
