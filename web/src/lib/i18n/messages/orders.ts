/**
 * UI text of the orders pages, English (the reference) and Japanese. Merged into the catalogue in
 * ../en.ts and ../ja.ts; tsc checks that both languages have the same keys.
 */
export const ordersEn = {
  'orders.placeholder': 'orders',
} as const;

export const ordersJa: Record<keyof typeof ordersEn, string> = {
  'orders.placeholder': 'orders',
};
