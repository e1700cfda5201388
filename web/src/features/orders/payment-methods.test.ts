import { describe, expect, it } from 'vitest';
import { translate } from '@/lib/i18n/i18n-provider';
import { paymentMethodLabel } from './payment-methods';

describe('a payment method in words', () => {
  it('names the method type in the UI language, never the gateway', () => {
    expect(paymentMethodLabel('card', (key) => translate('en', key))).toBe('card');
    expect(paymentMethodLabel('card', (key) => translate('ja', key))).toBe('カード');
    expect(paymentMethodLabel('sepa_debit', (key) => translate('ja', key))).toBe('sepa_debit');
    expect(paymentMethodLabel(null, (key) => translate('en', key))).toBeUndefined();
  });
});
