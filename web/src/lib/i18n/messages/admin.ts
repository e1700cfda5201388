/**
 * UI text of the admin pages, English (the reference) and Japanese. Merged into the catalogue in
 * ../en.ts and ../ja.ts; tsc checks that both languages have the same keys.
 */
export const adminEn = {
  'admin.placeholder': 'admin',
} as const;

export const adminJa: Record<keyof typeof adminEn, string> = {
  'admin.placeholder': 'admin',
};
