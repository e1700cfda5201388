import { describe, expect, it } from 'vitest';
import { catalogues } from './catalogue';
import { ApiError } from '@/lib/problem';
import { errorMessage } from './error-message';
import { formatDuration, formatMoney } from './format';
import { translate } from './i18n-provider';

describe('money', () => {
  it('formats the decimal string exactly, where a binary float would not', () => {
    // 0.1 + 0.2 style loss: as a double this amount would print ...567.88 or ...568.00.
    expect(formatMoney({ amount: '12345678901234567.89', currency: 'USD' }, 'en')).toBe('$12,345,678,901,234,567.89');
    expect(formatMoney({ amount: '2500.00', currency: 'USD' }, 'en')).toBe('$2,500.00');
  });

  it('follows the locale and the currency minor units', () => {
    expect(formatMoney({ amount: '2500', currency: 'JPY' }, 'ja')).toBe('￥2,500');
    expect(formatMoney({ amount: '49.99', currency: 'EUR' }, 'de')).toBe('49,99\u00a0€');
  });

  it('shows a malformed amount as it came instead of inventing a number', () => {
    expect(formatMoney({ amount: '1e3', currency: 'USD' }, 'en')).toBe('1e3 USD');
  });
});

describe('the catalogue', () => {
  it('has Japanese for every English text, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const [key, english] of Object.entries(catalogues.en)) {
      const japanese = catalogues.ja[key as keyof typeof catalogues.en];
      expect(japanese, key).toBeTruthy();
      expect(placeholders(japanese), key).toEqual(placeholders(english));
    }
  });

  it('fills in placeholders', () => {
    expect(translate('en', 'errors.rateLimitedFor', { duration: '30 seconds' })).toBe(
      'Too many attempts. Try again in 30 seconds.',
    );
    expect(translate('ja', 'errors.rateLimitedFor', { duration: '30 秒' })).toBe(
      '試行回数が多すぎます。30 秒後に再度お試しください。',
    );
  });
});

describe('durations', () => {
  it('says a wait in the words of the locale, never shorter than it is', () => {
    expect(formatDuration(45, 'en')).toBe('45 seconds');
    expect(formatDuration(896, 'en')).toBe('15 minutes');
    expect(formatDuration(896, 'ja')).toBe('15 分');
    expect(formatDuration(3900, 'en')).toBe('1 hour, 5 minutes');
    expect(formatDuration(3600, 'ja')).toBe('1 時間');
  });

  it('words a rate limit with its wait in the UI language', () => {
    const limited = new ApiError({ status: 429, code: 'rate_limited', title: 'Too Many Requests', retryAfterSeconds: 896 });
    expect(errorMessage(limited, (key, values) => translate('en', key, values))).toBe(
      'Too many attempts. Try again in 15 minutes.',
    );
    expect(errorMessage(limited, (key, values) => translate('ja', key, values))).toBe(
      '試行回数が多すぎます。15 分後に再度お試しください。',
    );
  });

  it("says a refused state change in the reader's language, with the server's own sentence in English", () => {
    const refused = new ApiError({
      status: 409,
      code: 'invalid_state',
      detail: 'Order is completed; it can no longer be cancelled',
    });
    expect(errorMessage(refused, (key, values) => translate('en', key, values))).toBe(
      'Order is completed; it can no longer be cancelled',
    );
    expect(errorMessage(refused, (key, values) => translate('ja', key, values))).toBe('現在の状態ではこの操作はできません。');
  });
});
