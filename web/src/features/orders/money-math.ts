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
