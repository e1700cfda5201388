import type { Money } from '@/lib/i18n/format';

/**
 * unit × quantity on the decimal string, exactly (no binary floats): the preview of the total the
 * server will charge.
 */
export function multiplyMoney(unit: Money, quantity: number): Money {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(unit.amount);
  if (!match || !Number.isInteger(quantity)) {
    return unit;
  }
  const [, sign = '', whole = '0', fraction = ''] = match;
  const scaled = BigInt(`${whole}${fraction}`) * BigInt(quantity);
  const digits = scaled.toString().padStart(fraction.length + 1, '0');
  const amount = fraction.length > 0 ? `${digits.slice(0, -fraction.length)}.${digits.slice(-fraction.length)}` : digits;
  return { amount: `${sign}${amount}`, currency: unit.currency };
}

/** a − b on the decimal strings of one currency, exactly; null when either is not a plain decimal. */
export function subtractMoney(a: Money, b: Money): Money | null {
  const scale = Math.max(fractionDigits(a.amount), fractionDigits(b.amount));
  const left = scaled(a.amount, scale);
  const right = scaled(b.amount, scale);
  if (left === null || right === null) {
    return null;
  }
  const difference = left - right;
  const negative = difference < 0n;
  const digits = (negative ? -difference : difference).toString().padStart(scale + 1, '0');
  const amount = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return { amount: `${negative ? '-' : ''}${amount}`, currency: a.currency };
}

function fractionDigits(amount: string): number {
  return amount.split('.')[1]?.length ?? 0;
}

function scaled(amount: string, scale: number): bigint | null {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!match) {
    return null;
  }
  const [, sign = '', whole = '0', fraction = ''] = match;
  const value = BigInt(`${whole}${fraction.padEnd(scale, '0')}`);
  return sign === '-' ? -value : value;
}
