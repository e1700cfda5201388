import type { MessageKey } from '@/lib/i18n/catalogue';

/**
 * The sandbox gateway's test payment methods (docs/api.md "Payments"), Stripe's test names, grouped
 * by what happens when you pay with them.
 */
export const PAYMENT_METHOD_GROUPS = [
  {
    group: 'succeed',
    methods: ['pm_card_visa', 'pm_card_mastercard', 'pm_card_amex', 'pm_card_jcb'],
  },
  {
    group: 'decline',
    methods: [
      'pm_card_chargeDeclined',
      'pm_card_chargeDeclinedInsufficientFunds',
      'pm_card_chargeDeclinedExpiredCard',
      'pm_card_chargeDeclinedIncorrectCvc',
      'pm_card_chargeDeclinedFraudulent',
      'pm_card_chargeDeclinedLostCard',
      'pm_card_chargeDeclinedStolenCard',
      'pm_card_chargeDeclinedProcessingError',
    ],
  },
  {
    group: 'delayed',
    methods: ['pm_card_processingError', 'pm_sandbox_timeout'],
  },
] as const;

export type PaymentMethod = (typeof PAYMENT_METHOD_GROUPS)[number]['methods'][number];

export const DEFAULT_PAYMENT_METHOD: PaymentMethod = 'pm_card_visa';

export function paymentMethodKey(method: PaymentMethod): MessageKey {
  return `orders.checkout.methods.${method}`;
}

const DECLINE_KEYS: Partial<Record<string, MessageKey>> = {
  card_declined: 'orders.checkout.declines.card_declined',
  generic_decline: 'orders.checkout.declines.generic_decline',
  insufficient_funds: 'orders.checkout.declines.insufficient_funds',
  expired_card: 'orders.checkout.declines.expired_card',
  incorrect_cvc: 'orders.checkout.declines.incorrect_cvc',
  fraudulent: 'orders.checkout.declines.fraudulent',
  lost_card: 'orders.checkout.declines.lost_card',
  stolen_card: 'orders.checkout.declines.stolen_card',
  processing_error: 'orders.checkout.declines.processing_error',
  resource_missing: 'orders.checkout.declines.resource_missing',
  authentication_required: 'orders.checkout.declines.authentication_required',
};

/** The catalogue's plain words for a decline code, if it has them. */
export function declineKey(code: string | null | undefined): MessageKey | undefined {
  return code ? DECLINE_KEYS[code] : undefined;
}

const METHOD_TYPE_KEYS: Partial<Record<string, MessageKey>> = {
  card: 'orders.payment.methodType.card',
};

/**
 * How a payment was made, in words: its method type (Stripe's `paymentMethodType`, such as `card`);
 * a type the catalogue does not know reads as its name. Undefined while the gateway has not said (a
 * declined or unsettled attempt): the gateway's own name (`sandbox`) is not something to show.
 */
export function paymentMethodLabel(type: string | null | undefined, t: (key: MessageKey) => string): string | undefined {
  if (!type) {
    return undefined;
  }
  const key = METHOD_TYPE_KEYS[type];
  return key ? t(key) : type;
}
