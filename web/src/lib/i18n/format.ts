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

/**
 * A wait in words for the locale ("15 minutes", "1 hour, 5 minutes", "15 分"): seconds under a
 * minute, then whole minutes rounded up (a wait is never shorter than said), then hours and minutes.
 */
export function formatDuration(seconds: number, locale: string): string {
  const unit = (value: number, name: 'second' | 'minute' | 'hour') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);
  const total = Math.max(0, Math.ceil(seconds));
  if (total < 60) {
    return unit(total, 'second');
  }
  const minutes = Math.ceil(total / 60);
  if (minutes < 60) {
    return unit(minutes, 'minute');
  }
  const parts = [unit(Math.floor(minutes / 60), 'hour')];
  if (minutes % 60 > 0) {
    parts.push(unit(minutes % 60, 'minute'));
  }
  return new Intl.ListFormat(locale, { type: 'unit', style: 'long' }).format(parts);
}
