/**
 * UI text of the toasts for live events, English (the reference) and Japanese. Merged into the
 * catalogue in ../en.ts and ../ja.ts; tsc checks that both languages have the same keys.
 */
export const notificationsEn = {
  'notifications.placeholder': 'notifications',
} as const;

export const notificationsJa: Record<keyof typeof notificationsEn, string> = {
  'notifications.placeholder': 'notifications',
};
